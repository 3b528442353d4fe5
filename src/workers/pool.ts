/**
 * A pool of workers and the way the desk feeds it: each member runs one task at a time, tasks wait
 * for an idle member, and `orderedMap` keeps several in flight while handing results back in the
 * order of the input (the upload order), whatever order the members finish in. No Worker here: the
 * browser adapter (src/lib/workers.ts) gives Web Workers, a test gives plain objects.
 */

/** Above this, more workers only add memory (each holds the model and its parses): imports stay disk- and page-bound. */
const MAX_POOL = 4;

/**
 * How many workers to start: one core is left for the page, but never fewer than two, so parsing
 * overlaps with the page storing the previous batch even on a 2-core machine.
 */
export function poolSize(hardwareConcurrency: number | undefined): number {
  const cores = hardwareConcurrency ?? 2;
  return Math.min(MAX_POOL, Math.max(2, cores - 1));
}

export interface Pool<W> {
  readonly members: readonly W[];
  /** Runs `task` on the first idle member (waiting for one if all are busy). */
  run<R>(task: (member: W) => Promise<R>): Promise<R>;
}

export function createPool<W>(members: readonly W[]): Pool<W> {
  if (members.length === 0) throw new Error('a pool needs at least one member');
  const idle = [...members];
  const waiting: ((member: W) => void)[] = [];

  function release(member: W): void {
    const next = waiting.shift();
    if (next) next(member);
    else idle.push(member);
  }

  function acquire(): Promise<W> {
    const member = idle.shift();
    if (member !== undefined) return Promise.resolve(member);
    return new Promise((resolve) => waiting.push(resolve));
  }

  return {
    members,
    async run(task) {
      const member = await acquire();
      try {
        return await task(member);
      } finally {
        release(member);
      }
    },
  };
}

export interface OrderedMapOptions<R> {
  /** How many items are in flight at once. */
  readonly concurrency: number;
  /** Checked before each item starts: once true, no new item starts; those under way finish. */
  readonly cancelled?: () => boolean;
  /** Called with each result in input order (awaited before the next one), as soon as it can be. */
  readonly onResult?: (result: R, index: number) => void | Promise<void>;
}

/**
 * Runs `task` over `items` with up to `concurrency` in flight, and returns the results of the items
 * that ran, in input order. A cancelled run returns a prefix: the items started before the cancel.
 * The first task to fail rejects the whole run, once the tasks under way have settled.
 */
export async function orderedMap<T, R>(
  items: readonly T[],
  task: (item: T, index: number) => Promise<R>,
  { concurrency, cancelled = () => false, onResult }: OrderedMapOptions<R>,
): Promise<R[]> {
  const results: R[] = [];
  const running = new Map<number, Promise<R>>();
  let started = 0;

  function startMore(): void {
    while (running.size < concurrency && started < items.length && !cancelled()) {
      const index = started++;
      const item = items[index] as T;
      const promise = task(item, index);
      // A failure is reported where the result is awaited, in order; this only keeps it from being unhandled.
      promise.catch(() => undefined);
      running.set(index, promise);
    }
  }

  startMore();
  for (let next = 0; running.has(next); next++) {
    const promise = running.get(next) as Promise<R>;
    let result: R;
    try {
      result = await promise;
    } catch (e) {
      await Promise.allSettled(running.values());
      throw e;
    }
    running.delete(next);
    results.push(result);
    await onResult?.(result, next);
    startMore();
  }
  return results;
}
