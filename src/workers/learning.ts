/**
 * The local model's work, run inside the worker: train on the office's labelled notices on top of
 * the shipped model and the knowledge prior (the same trainModel as `npm run train`), learn from one
 * decision at once, compare shipped and local by cross-validation, and read/write the model file.
 */
import {
  classifyNotice,
  parseModel,
  readPrior,
  serialiseModel,
  trainModel,
  updateModel,
  type KnowledgePrior,
  type LabelledExample,
  type Model,
  type ModelFile,
} from '../domain/classifier';
import { suggestedTopics } from '../domain/desk/analyse';
import type { SuggestedTopic } from '../domain/desk/record';
import { compareShippedAndLocal, type Comparison } from '../domain/learning';
import { parseNotice } from '../domain/notice';
import issuers from '../domain/classifier/prior/issuers.json';
import rules from '../domain/classifier/prior/rules.json';
import terms from '../domain/classifier/prior/terms.json';
import type { TopicPath } from '../domain/taxonomy/taxonomy';
import type { LearningRequest, WorkerRequest, WorkerResponse } from './protocol';

/** Marks a model file as the desk's own, so an imported file is known for what it is. */
export const LOCAL_GENERATOR = 'notice-topic-desk local model';

let prior: KnowledgePrior | null = null;

/** The knowledge prior bundled with the app (the same files `npm run train` reads). */
export function knowledgePrior(): KnowledgePrior {
  prior ??= readPrior(terms, issuers, rules);
  return prior;
}

/** Where a local model came from, for the clerk. */
export interface Provenance {
  /** ISO timestamp of the last full training. */
  readonly trainedAt: string;
  readonly history: number;
  readonly decisions: number;
  /** Decisions learnt one by one since the last full training. */
  readonly updates: number;
}

export function provenance(model: Model): Provenance {
  const summary = model.meta.trainingSummary;
  return {
    trainedAt: model.meta.createdAt,
    history: summary.history ?? 0,
    decisions: summary.decision ?? 0,
    updates: model.meta.metrics.updates ?? 0,
  };
}

export function trainLocal(
  examples: readonly LabelledExample[],
  shipped: Model,
  createdAt: string,
): Model {
  return trainModel(examples, {
    base: shipped,
    prior: knowledgePrior(),
    parse: parseNotice,
    generator: LOCAL_GENERATOR,
    createdAt,
    dataHash: shipped.meta.dataHash,
    metrics: { updates: 0 },
  });
}

/** One confirmed or overridden notice, learnt at once (no full retrain). */
export function learnFromDecision(model: Model, text: string, path: TopicPath): Model {
  const learnt = updateModel(model, { parsed: parseNotice(text), path });
  const metrics = { ...learnt.meta.metrics, updates: (learnt.meta.metrics.updates ?? 0) + 1 };
  return { ...learnt, meta: { ...learnt.meta, metrics } };
}

/** Fresh suggestions for notices, as the desk keeps them. */
export function rescore(model: Model, texts: readonly string[]): SuggestedTopic[][] {
  return texts.map((t) => suggestedTopics(classifyNotice(model, parseNotice(t))));
}

export function compareOnHistory(
  examples: readonly LabelledExample[],
  shipped: Model,
  k: number,
  onFold?: (fold: number, k: number) => void,
): Comparison {
  return compareShippedAndLocal(examples, {
    k,
    shipped,
    parse: parseNotice,
    train: (fold) => trainLocal(fold, shipped, new Date(0).toISOString()),
    ...(onFold ? { onFold } : {}),
  });
}

export function localModelFile(model: Model): ModelFile {
  return serialiseModel(model);
}

/**
 * Reads a local model file (from IndexedDB or another machine).
 * WARNING: throws ModelError with a Chinese message, shown to the clerk as is.
 */
export function readLocalModel(json: unknown): Model {
  return parseModel(json);
}

const LEARNING_TYPES: ReadonlySet<string> = new Set<LearningRequest['type']>([
  'useLocalModel',
  'learn',
  'unlearn',
  'rescore',
  'exportLocalModel',
]);

/** The local model in use by the desk worker; null while the shipped model is used. */
let local: Model | null = null;
/** The local model as it was before each learnt decision, newest last, so an undo can restore it. */
const beforeLearning: (Model | null)[] = [];
/** Undo reaches back this many decisions, as the desk's own undo does in practice. */
const UNLEARN_DEPTH = 50;

/** The model the desk analyses and explains with: the local one when there is one. */
export function activeModel(shipped: Model | null): Model | null {
  return local ?? shipped;
}

export function isLearningRequest(request: WorkerRequest): request is LearningRequest {
  return LEARNING_TYPES.has(request.type);
}

/** Handles the desk worker's learning requests: set/reset the local model, learn, rescore, export. */
export function handleLearning(
  request: LearningRequest,
  shipped: Model | null,
  post: (message: WorkerResponse) => void,
): void {
  try {
    post({ type: 'learning', id: request.id, value: learningValue(request, shipped) });
  } catch (e) {
    post({ type: 'failed', id: request.id, message: e instanceof Error ? e.message : String(e) });
  }
}

function learningValue(request: LearningRequest, shipped: Model | null): unknown {
  switch (request.type) {
    case 'useLocalModel':
      local = request.file === null ? null : readLocalModel(request.file);
      beforeLearning.length = 0;
      return local ? provenance(local) : null;
    case 'learn': {
      const base = local ?? shipped;
      if (!base) throw new Error('分类模型不可用，无法学习这条决定');
      beforeLearning.push(local);
      if (beforeLearning.length > UNLEARN_DEPTH) beforeLearning.shift();
      local = learnFromDecision(base, request.text, request.path);
      return provenance(local);
    }
    case 'unlearn': {
      if (beforeLearning.length > 0) local = beforeLearning.pop() ?? null;
      return local ? provenance(local) : null;
    }
    case 'rescore': {
      const m = local ?? shipped;
      return m ? rescore(m, request.texts) : request.texts.map(() => null);
    }
    case 'exportLocalModel':
      return local ? localModelFile(local) : null;
  }
}
