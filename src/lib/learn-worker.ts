/** Runs one training or cross-validation task in its own worker; cancelling terminates it. */
import type { LearnRequest, LearnResponse } from '../workers/learn-protocol';

type Done = Exclude<LearnResponse, { type: 'progress' } | { type: 'failed' }>;

export class CancelledError extends Error {
  constructor() {
    super('已取消');
  }
}

export interface LearnTask {
  readonly result: Promise<Done>;
  cancel(): void;
}

/** The shipped model, resolved against the page like the desk worker's. */
export function shippedModelUrl(): string {
  return new URL('model/model.json', document.baseURI).href;
}

export function runLearnTask(
  request: LearnRequest,
  onProgress: (done: number, total: number) => void,
): LearnTask {
  const worker = new Worker(new URL('../workers/learn.worker.ts', import.meta.url), {
    type: 'module',
  });
  let settle: { reject(error: Error): void } | null = null;
  const result = new Promise<Done>((resolve, reject) => {
    settle = { reject };
    worker.addEventListener('message', (e: MessageEvent<LearnResponse>) => {
      const msg = e.data;
      if (msg.type === 'progress') {
        onProgress(msg.done, msg.total);
        return;
      }
      worker.terminate();
      if (msg.type === 'failed') reject(new Error(msg.message));
      else resolve(msg);
    });
    worker.addEventListener('error', (e) => {
      worker.terminate();
      reject(new Error(`后台训练出错：${e.message}`));
    });
  });
  worker.postMessage(request);
  return {
    result,
    cancel() {
      worker.terminate();
      settle?.reject(new CancelledError());
    },
  };
}
