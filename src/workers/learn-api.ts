/**
 * The training worker's work: train the local model, or cross-validate shipped vs local, on the
 * office's labelled notices (src/workers/learn.worker.ts exposes it; a test calls it directly).
 */
import { parseModel } from '../domain/classifier';
import { compareOnHistory, localModelFile, trainLocal } from './learning';
import type { LearnWorkerApi } from './protocol';
import type { ModelSource } from './desk-api';

/** Cross-validation trains k models; beyond this many examples a spread sample is scored. */
export const MAX_CV_EXAMPLES = 1500;

export function createLearnWorkerApi(
  readModel: ModelSource,
  now = () => performance.now(),
): LearnWorkerApi {
  return {
    async run(modelUrl, request, onProgress) {
      const started = now();
      const shipped = parseModel(await readModel(modelUrl));
      if (request.type === 'train') {
        onProgress(0, 1);
        const model = trainLocal(request.examples, shipped, request.createdAt);
        return { type: 'trained', file: localModelFile(model), ms: Math.round(now() - started) };
      }
      const step = Math.ceil(request.examples.length / MAX_CV_EXAMPLES);
      const sample = request.examples.filter((_, i) => i % step === 0);
      const value = compareOnHistory(sample, shipped, request.k, (fold, k) => onProgress(fold, k));
      return {
        type: 'compared',
        value,
        available: request.examples.length,
        ms: Math.round(now() - started),
      };
    },
  };
}
