/**
 * Node-side helpers shared by the classifier scripts (train, classify, eval, bench): reading the
 * prior, the model file, the notice parser, and the shared labelled data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  parseModel,
  plainNotice,
  readLabelledJsonl,
  readPrior,
  type KnowledgePrior,
  type LabelledLine,
  type Model,
} from '../../src/domain/classifier/index';
import type { ParsedNotice } from '../../src/domain/notice/types';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const priorDir = path.join(repoRoot, 'src/domain/classifier/prior');
export const shippedModelDir = path.join(repoRoot, 'public/model');

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
}

export function priorFiles(): string[] {
  return ['terms.json', 'issuers.json', 'rules.json'].map((f) => path.join(priorDir, f));
}

export function loadPrior(): KnowledgePrior {
  const [terms = '', issuers = '', rules = ''] = priorFiles();
  return readPrior(readJson(terms), readJson(issuers), readJson(rules));
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

type Parse = (text: string) => ParsedNotice;

/**
 * The notice parser the browser uses (src/domain/notice), or bare-text parsing while it is absent
 * so the scripts still run on a tree where the parser has not landed.
 */
export async function loadParser(): Promise<{ parse: Parse; name: string }> {
  const file = path.join(repoRoot, 'src/domain/notice/index.ts');
  if (existsSync(file)) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const parseNotice = mod.parseNotice;
    if (typeof parseNotice === 'function') {
      return { parse: (text) => parseNotice(text) as ParsedNotice, name: 'parseNotice' };
    }
  }
  return { parse: plainNotice, name: 'plainNotice (notice parser absent)' };
}

export function readLabelledFile(
  file: string,
  source: string,
): { examples: LabelledLine[]; errors: string[] } {
  const { examples, errors } = readLabelledJsonl(readFileSync(file, 'utf8'), source);
  return { examples, errors: errors.map((e) => `${path.basename(file)}: ${e.message}`) };
}

/** Fixed-width percentage for tables. */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
