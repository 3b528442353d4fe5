/**
 * The desk's workers in the browser: a pool of desk workers (parse, classify, local model) for the
 * page's lifetime, sized from the machine's cores (src/workers/pool.ts), and one training worker per
 * task (cancel terminates it). comlink carries the calls with
 * the types of src/workers/protocol.ts on both sides.
 */
import { proxy, wrap, type Remote } from 'comlink';
import {
  CancelledError,
  type DeskWorkerApi,
  type DeskWorkers,
  type LearnResult,
  type LearnWorkerApi,
  type ModelStatus,
  type ModelStep,
  type Provenance,
} from '../workers/protocol';
import { createPool, poolSize } from '../workers/pool';

/** The shipped model, resolved against the page, so it works wherever the built app is served from. */
function shippedModelUrl(): string {
  return new URL('model/model.json', document.baseURI).href;
}

/**
 * Rejects when the worker itself fails (its script cannot load, or it runs out of memory): comlink
 * would otherwise leave every call waiting forever.
 */
function failureOf(worker: Worker): Promise<never> {
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'worker error')));
  });
  // Nobody may be waiting when it fails; the next call still sees the rejection.
  failed.catch(() => undefined);
  return failed;
}

export function browserWorkers(): DeskWorkers {
  const workers = Array.from(
    { length: poolSize(navigator.hardwareConcurrency) },
    () => new Worker(new URL('../workers/desk.worker.ts', import.meta.url), { type: 'module' }),
  );
  const failed = Promise.race(workers.map(failureOf));
  failed.catch(() => undefined);
  const call = <T>(reply: T): Promise<Awaited<T>> => Promise.race([reply, failed]);
  const members = workers.map((w) => wrap<DeskWorkerApi>(w));
  const pool = createPool(members);
  // The first member answers for the notice on screen and the local model; the others only analyse.
  // Every member keeps the same model, so a notice is scored alike whichever member reads it.
  const [primary, ...others] = members;
  if (!primary) throw new Error('no desk worker');
  const everyMember = async <T>(step: (m: Remote<DeskWorkerApi>) => Promise<T>): Promise<T> => {
    const [reply] = await call(Promise.all([step(primary), Promise.all(others.map(step))]));
    return reply;
  };
  return {
    parallel: members.length,
    desk: {
      loadModel: () => everyMember<ModelStatus>((m) => m.loadModel(shippedModelUrl())),
      analyse: (texts) => call(pool.run((m) => m.analyse(texts))),
      explain: (notice) => call(primary.explain(notice)),
      useLocalModel: (file) =>
        everyMember<ModelStep<Provenance | null>>((m) => m.useLocalModel(file)),
      learn: (notice, path) => everyMember<ModelStep<Provenance>>((m) => m.learn(notice, path)),
      unlearn: () => everyMember((m) => m.unlearn()),
      rescore: (notices) => call(primary.rescore(notices)),
      exportLocalModel: () => call(primary.exportLocalModel()),
    },

    runLearnTask(request, onProgress) {
      const worker = new Worker(new URL('../workers/learn.worker.ts', import.meta.url), {
        type: 'module',
      });
      const api = wrap<LearnWorkerApi>(worker);
      let cancel: () => void = () => undefined;
      const cancelled = new Promise<never>((_, reject) => {
        cancel = () => reject(new CancelledError());
      });
      const running = api.run(shippedModelUrl(), request, proxy(onProgress));
      const result: Promise<LearnResult> = Promise.race([
        running,
        cancelled,
        failureOf(worker),
      ]).finally(() => worker.terminate());
      return { result, cancel };
    },

    close() {
      for (const w of workers) w.terminate();
    },
  };
}
