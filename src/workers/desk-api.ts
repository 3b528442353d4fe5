/**
 * The desk worker's work, as an object built once per worker (src/workers/desk.worker.ts exposes it;
 * a test builds its own). It keeps the shipped model, the local model with the steps an undo can take
 * back, and the parse of each notice it has read, by record id: a notice's text is parsed once, when it
 * arrives, and its explanation, re-scoring and learning reuse that parse.
 */
import { ModelError, parseModel, type Model } from '../domain/classifier';
import { analyseNotice, explainNotice, rescoreNotice } from '../domain/desk/analyse';
import { detailOf, message } from '../domain/message';
import { parseNotice } from '../domain/notice';
import type { ParsedNotice } from '../domain/notice/types';
import { learnFromDecision, localModelFile, provenance, readLocalModel } from './learning';
import type { DeskWorkerApi, ModelStatus, NoticeRef } from './protocol';

/**
 * Parses kept: about 18 KB each, so at most ~36 MB. Beyond it, the notices read longest ago are
 * parsed again when they are needed (a queue larger than this, re-scored after a decision).
 */
export const PARSE_CACHE_SIZE = 2000;
/** Undo reaches back this many decisions, as the desk's own undo does in practice. */
const UNLEARN_DEPTH = 50;

/** Reads the shipped model file's JSON (fetch in a worker; a file or a fixture in a test). */
export type ModelSource = (url: string) => Promise<unknown>;

export interface DeskWorkerOptions {
  /** Parsing as the worker does it; a test counts the calls through it. */
  readonly parse?: (text: string) => ParsedNotice;
  readonly cacheSize?: number;
}

export function createDeskWorkerApi(
  readModel: ModelSource,
  { parse = parseNotice, cacheSize = PARSE_CACHE_SIZE }: DeskWorkerOptions = {},
): DeskWorkerApi {
  let shipped: Promise<Model | null> = Promise.resolve(null);
  let local: Model | null = null;
  /** The local model as it was before each learnt decision, newest last. */
  const beforeLearning: (Model | null)[] = [];
  /** Insertion order is recency: a hit moves the parse to the end, the first one goes when full. */
  const parses = new Map<string, ParsedNotice>();

  function remember(id: string, parsed: ParsedNotice): void {
    parses.delete(id);
    parses.set(id, parsed);
    if (parses.size > cacheSize) {
      const oldest = parses.keys().next();
      if (!oldest.done) parses.delete(oldest.value);
    }
  }

  function parsedOf(notice: NoticeRef, keep: 'always' | 'if-room' = 'always'): ParsedNotice {
    const hit = parses.get(notice.id);
    if (hit) {
      remember(notice.id, hit);
      return hit;
    }
    const parsed = parse(notice.text);
    // A re-score walks the whole queue: letting it evict would push out the notices being read.
    if (keep === 'always' || parses.size < cacheSize) remember(notice.id, parsed);
    return parsed;
  }

  async function active(): Promise<Model | null> {
    return local ?? (await shipped);
  }

  return {
    loadModel(url) {
      const loading = readModel(url).then(parseModel);
      // Requests wait for the model; without one, notices are still parsed and labelled by hand.
      shipped = loading.catch(() => null);
      return loading.then(
        (model): ModelStatus => ({
          ok: true,
          info: {
            labels: model.labels.length,
            source: `${model.meta.generator} · ${model.meta.createdAt.slice(0, 10)}`,
          },
        }),
        (e: unknown): ModelStatus => ({
          ok: false,
          problem: message('modelLoadFailed', { detail: detailOf(e) }),
        }),
      );
    },

    async analyse(texts) {
      const model = await active();
      return texts.map((text) => {
        const parsed = parse(text);
        const analysis = analyseNotice(parsed, model);
        remember(analysis.id, parsed);
        return analysis;
      });
    },

    async explain(notice) {
      const model = await active();
      const parsed = parsedOf(notice);
      return { parsed, classification: model ? explainNotice(parsed, model) : null };
    },

    async useLocalModel(file) {
      const base = await shipped;
      try {
        local = file === null ? null : readLocalModel(file);
      } catch (e) {
        const detail = e instanceof ModelError ? e.reason : detailOf(e);
        return { ok: false, problem: message('modelFileInvalid', { detail }) };
      }
      beforeLearning.length = 0;
      return { ok: true, value: local ? provenance(local, base) : null };
    },

    async learn(notice, path) {
      const base = await active();
      if (!base) return { ok: false, problem: message('learnWithoutModel') };
      beforeLearning.push(local);
      if (beforeLearning.length > UNLEARN_DEPTH) beforeLearning.shift();
      local = learnFromDecision(base, parsedOf(notice), path);
      return { ok: true, value: provenance(local, await shipped) };
    },

    async unlearn() {
      if (beforeLearning.length > 0) local = beforeLearning.pop() ?? null;
      return local ? provenance(local, await shipped) : null;
    },

    async rescore(notices) {
      const model = await active();
      return notices.map((n) => (model ? rescoreNotice(parsedOf(n, 'if-room'), model) : null));
    },

    async exportLocalModel() {
      return local ? localModelFile(local) : null;
    },
  };
}
