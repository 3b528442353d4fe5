/**
 * The local model's work, run inside the worker: train on the office's labelled notices on top of
 * the shipped model and the knowledge prior (the same trainModel as `npm run train`), learn from one
 * decision at once, compare shipped and local by cross-validation, and read/write the model file.
 */
import {
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
// The module itself, not the learning barrel: that one also brings the CSV reader (papaparse).
import { compareShippedAndLocal, type Comparison } from '../domain/learning/compare';
import { conventionHabits } from '../domain/learning/habits';
import { parseNotice } from '../domain/notice';
import type { ParsedNotice } from '../domain/notice/types';
import issuers from '../domain/classifier/prior/issuers.json';
import docNumbers from '../domain/classifier/prior/docnumbers.json';
import level1 from '../domain/classifier/prior/level1.json';
import rules from '../domain/classifier/prior/rules.json';
import terms from '../domain/classifier/prior/terms.json';
import type { TopicPath } from '../domain/taxonomy/taxonomy';
import type { Provenance } from './protocol';

/** Marks a model file as the desk's own, so an imported file is known for what it is. */
export const LOCAL_GENERATOR = 'notice-topic-desk local model';

let prior: KnowledgePrior | null = null;

/** The knowledge prior bundled with the app (the same files `npm run train` reads). */
export function knowledgePrior(): KnowledgePrior {
  prior ??= readPrior({ terms, issuers, rules, level1, docNumbers });
  return prior;
}

/** What the desk says of a local model; `shipped` is what its conventions are told against. */
export function provenance(model: Model, shipped: Model | null): Provenance {
  const summary = model.meta.trainingSummary;
  return {
    trainedAt: model.meta.createdAt,
    history: summary.history ?? 0,
    decisions: summary.decision ?? 0,
    updates: model.meta.metrics.updates ?? 0,
    habits: shipped ? conventionHabits(model, shipped) : [],
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
export function learnFromDecision(model: Model, parsed: ParsedNotice, path: TopicPath): Model {
  const learnt = updateModel(model, { parsed, path });
  const metrics = { ...learnt.meta.metrics, updates: (learnt.meta.metrics.updates ?? 0) + 1 };
  return { ...learnt, meta: { ...learnt.meta, metrics } };
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
 * WARNING: throws ModelError when the file is not a model this desk can use.
 */
export function readLocalModel(json: unknown): Model {
  return parseModel(json);
}
