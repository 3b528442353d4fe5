/**
 * The training worker: trains the local model, or cross-validates shipped vs local, off the UI
 * thread. One task per worker: the desk cancels a task by terminating its worker.
 */
import { ModelError, parseModel, type Model } from '../domain/classifier';
import type { LearnRequest, LearnResponse } from './learn-protocol';
import { compareOnHistory, localModelFile, trainLocal } from './learning';

/** Cross-validation trains k models; beyond this many examples a spread sample is scored. */
const MAX_CV_EXAMPLES = 1500;

function post(message: LearnResponse): void {
  postMessage(message);
}

async function shippedModel(url: string): Promise<Model> {
  const response = await fetch(url);
  if (!response.ok) throw new ModelError(`随附模型无法读取（HTTP ${response.status}）`);
  return parseModel(await response.json());
}

async function handle(request: LearnRequest): Promise<void> {
  const started = performance.now();
  const shipped = await shippedModel(request.modelUrl);
  if (request.type === 'train') {
    post({ type: 'progress', done: 0, total: 1 });
    const model = trainLocal(request.examples, shipped, request.createdAt);
    post({
      type: 'trained',
      file: localModelFile(model),
      ms: Math.round(performance.now() - started),
    });
    return;
  }
  const step = Math.ceil(request.examples.length / MAX_CV_EXAMPLES);
  const sample = request.examples.filter((_, i) => i % step === 0);
  const value = compareOnHistory(sample, shipped, request.k, (fold, k) =>
    post({ type: 'progress', done: fold, total: k }),
  );
  post({
    type: 'compared',
    value,
    available: request.examples.length,
    ms: Math.round(performance.now() - started),
  });
}

addEventListener('message', (e: MessageEvent<LearnRequest>) => {
  handle(e.data).catch((error: unknown) =>
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
