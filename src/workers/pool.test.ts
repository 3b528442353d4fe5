import { describe, expect, it } from 'vitest';
import { createPool, orderedMap, poolSize } from './pool';

/** A promise settled by the test, so the order in which tasks finish is chosen, not timed. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('poolSize', () => {
  it('leaves one core for the page, keeps at least two workers and at most four', () => {
    expect(poolSize(undefined)).toBe(2);
    expect(poolSize(1)).toBe(2);
    expect(poolSize(2)).toBe(2);
    expect(poolSize(4)).toBe(3);
    expect(poolSize(16)).toBe(4);
  });
});

describe('createPool', () => {
  it('gives each task an idle member and makes the rest wait', async () => {
    const pool = createPool(['a', 'b']);
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    const used: string[] = [];
    const runs = gates.map((gate) =>
      pool.run(async (member) => {
        used.push(member);
        await gate.promise;
        return member;
      }),
    );
    await tick();
    expect(used).toEqual(['a', 'b']);
    gates[1]?.resolve();
    await tick();
    expect(used).toEqual(['a', 'b', 'b']);
    gates[0]?.resolve();
    gates[2]?.resolve();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'b']);
  });

  it('frees a member whose task failed', async () => {
    const pool = createPool(['only']);
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run(async (m) => m)).toBe('only');
  });
});

describe('orderedMap', () => {
  it('hands back results in input order when later items finish first', async () => {
    const gates = [0, 1, 2, 3, 4].map(() => deferred<string>());
    const delivered: number[] = [];
    const run = orderedMap([0, 1, 2, 3, 4], (i) => gates[i]?.promise ?? Promise.reject(), {
      concurrency: 3,
      onResult: (_, index) => {
        delivered.push(index);
      },
    });
    gates[2]?.resolve('c');
    gates[1]?.resolve('b');
    await tick();
    expect(delivered).toEqual([]);
    gates[0]?.resolve('a');
    gates[4]?.resolve('e');
    gates[3]?.resolve('d');
    expect(await run).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(delivered).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps no more than `concurrency` items in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await orderedMap(
      Array.from({ length: 20 }, (_, i) => i),
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await tick();
        inFlight--;
        return i;
      },
      { concurrency: 3 },
    );
    expect(most).toBe(3);
  });

  it('starts nothing new once cancelled and returns what had started, in order', async () => {
    let cancelled = false;
    const started: number[] = [];
    const results = await orderedMap(
      Array.from({ length: 10 }, (_, i) => i),
      async (i) => {
        started.push(i);
        await tick();
        return i * 10;
      },
      {
        concurrency: 2,
        cancelled: () => cancelled,
        onResult: (_, index) => {
          if (index === 3) cancelled = true;
        },
      },
    );
    expect(results).toEqual(started.map((i) => i * 10));
    expect(results).toEqual([0, 10, 20, 30, 40]);
  });

  it('rejects with the first failure in input order', async () => {
    const run = orderedMap(
      [0, 1, 2],
      (i) => (i === 1 ? Promise.reject(new Error('bad 1')) : Promise.resolve(i)),
      {
        concurrency: 3,
      },
    );
    await expect(run).rejects.toThrow('bad 1');
  });
});
