/**
 * Node-side helpers shared by the classifier scripts (train, classify, eval, bench): reading the
 * prior, the model file and the shared labelled data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseModel,
  readLabelledJsonl,
  PRIOR_FILE_NAMES,
  readPriorFiles,
  type KnowledgePrior,
  type LabelledLine,
  type Model,
} from '../../src/domain/classifier/index';
import { translate } from '../../src/domain/messages/index';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const priorDir = path.join(repoRoot, 'src/domain/classifier/prior');
export const shippedModelDir = path.join(repoRoot, 'public/model');

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
}

export function priorFiles(): string[] {
  return Object.values(PRIOR_FILE_NAMES).map((f) => path.join(priorDir, f));
}

export function loadPrior(): KnowledgePrior {
  return readPriorFiles((file) => readJson(path.join(priorDir, file)));
}

export function loadModel(dir = shippedModelDir): Model {
  return parseModel(readJson(path.join(dir, 'model.json')));
}

/** sha-256 over the given files' bytes, in order, with their base names. */
export function hashFiles(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(path.basename(f));
    hash.update(readFileSync(f));
  }
  return `sha256:${hash.digest('hex')}`;
}

export function readLabelledFile(
  file: string,
  source: string,
): { examples: LabelledLine[]; errors: string[] } {
  const { examples, errors } = readLabelledJsonl(readFileSync(file, 'utf8'), source);
  return {
    examples,
    errors: errors.map((e) => `${path.basename(file)}: ${translate('zh', e.reason)}`),
  };
}

/** Fixed-width percentage for tables. */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
