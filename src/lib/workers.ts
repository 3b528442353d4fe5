/**
 * The desk's workers in the browser: the desk worker (parse, classify, local model) for the page's
 * lifetime, and one training worker per task (cancel terminates it). comlink carries the calls with
 * the types of src/workers/protocol.ts on both sides.
 */
import { proxy, wrap } from 'comlink';
import {
  CancelledError,
  type DeskWorkerApi,
  type DeskWorkers,
  type LearnResult,
  type LearnWorkerApi,
} from '../workers/protocol';

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
  const deskWorker = new Worker(new URL('../workers/desk.worker.ts', import.meta.url), {
    type: 'module',
  });
  const desk = wrap<DeskWorkerApi>(deskWorker);
  const failed = failureOf(deskWorker);
  const call = <T>(reply: T): Promise<Awaited<T>> => Promise.race([reply, failed]);
  return {
    desk: {
      loadModel: () => call(desk.loadModel(shippedModelUrl())),
      analyse: (texts) => call(desk.analyse(texts)),
      explain: (notice) => call(desk.explain(notice)),
      useLocalModel: (file) => call(desk.useLocalModel(file)),
      learn: (notice, path) => call(desk.learn(notice, path)),
      unlearn: () => call(desk.unlearn()),
      rescore: (notices) => call(desk.rescore(notices)),
      exportLocalModel: () => call(desk.exportLocalModel()),
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
      deskWorker.terminate();
    },
  };
}
