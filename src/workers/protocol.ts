/**
 * The one contract between the desk and its workers. Each worker exposes an object implementing its
 * API (comlink carries the calls); src/lib/workers.ts wraps the same types on the page side, and the
 * store depends only on `DeskWorkers`, so the compiler checks both ends and no message is cast.
 * Tests (or a team server) plug in by implementing `DeskWorkers`; in the browser a pool of desk
 * workers implements it.
 */
import type { Classification } from '../domain/classifier/types';
import type { ModelFile } from '../domain/classifier';
import type { NoticeAnalysis } from '../domain/desk/analyse';
import type { SuggestedTopic } from '../domain/desk/record';
import type { Comparison } from '../domain/learning/compare';
import type { ConventionHabit } from '../domain/learning/habits';
import type { Message } from '../domain/message';
import type { ParsedNotice } from '../domain/notice/types';
import type { TopicPath } from '../domain/taxonomy/taxonomy';

export interface ModelInfo {
  readonly labels: number;
  /** Where the model came from and when it was made, for the clerk's tooltip. */
  readonly source: string;
}

export type ModelStatus =
  | { readonly ok: true; readonly info: ModelInfo }
  | { readonly ok: false; readonly problem: Message };

/** A notice the worker already knows by id: its parse is kept there, so the text is parsed once. */
export interface NoticeRef {
  readonly id: string;
  readonly text: string;
}

/** The notice the clerk reads: its parse (for highlights and outline) and its full classification. */
export interface Explanation {
  readonly parsed: ParsedNotice;
  /** null when no model is loaded: the clerk labels by hand. */
  readonly classification: Classification | null;
}

/** Where a local model came from, for the clerk. */
export interface Provenance {
  /** ISO timestamp of the last full training. */
  readonly trainedAt: string;
  readonly history: number;
  readonly decisions: number;
  /** Decisions learnt one by one since the last full training. */
  readonly updates: number;
  /** The conventions the office follows otherwise than gov.cn, as its history taught the model. */
  readonly habits: readonly ConventionHabit[];
}

/** A step on the local model that can fail for a reason the clerk should read. */
export type ModelStep<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Message };

/** The desk worker: parses and classifies off the UI thread, and keeps the local model. */
export interface DeskWorkerApi {
  /** Loads the shipped model once; notices are still parsed when it cannot be loaded. */
  loadModel(url: string): Promise<ModelStatus>;
  analyse(texts: readonly string[]): Promise<NoticeAnalysis[]>;
  explain(notice: NoticeRef): Promise<Explanation>;
  /** Analyse and explain with this local model from now on (null: back to the shipped model). */
  useLocalModel(file: ModelFile | null): Promise<ModelStep<Provenance | null>>;
  /** Learns one decision into the local model (made from the shipped model on the first one). */
  learn(notice: NoticeRef, path: TopicPath): Promise<ModelStep<Provenance>>;
  /** Takes the last learnt decision back out (the clerk undid it); null: the shipped model again. */
  unlearn(): Promise<Provenance | null>;
  /** Fresh suggestions from the model in use; null for each when no model is loaded. */
  rescore(notices: readonly NoticeRef[]): Promise<(SuggestedTopic[] | null)[]>;
  exportLocalModel(): Promise<ModelFile | null>;
}

export interface TrainingExample {
  readonly text: string;
  readonly path: TopicPath;
  readonly source: 'history' | 'decision';
}

export type LearnRequest =
  | {
      readonly type: 'train';
      readonly examples: readonly TrainingExample[];
      readonly createdAt: string;
    }
  | {
      readonly type: 'compare';
      readonly examples: readonly TrainingExample[];
      readonly k: number;
    };

export type LearnResult =
  | { readonly type: 'trained'; readonly file: ModelFile; readonly ms: number }
  | {
      readonly type: 'compared';
      readonly value: Comparison;
      /** Examples available; `value.n` of them were scored (a sample when there are very many). */
      readonly available: number;
      readonly ms: number;
    };

export type Progress = (done: number, total: number) => void;

/** The training worker: one full training or cross-validation per worker. */
export interface LearnWorkerApi {
  run(modelUrl: string, request: LearnRequest, onProgress: Progress): Promise<LearnResult>;
}

/** A training or cross-validation running in its own worker. */
export interface LearnTask {
  /** Rejects with CancelledError once cancelled. */
  readonly result: Promise<LearnResult>;
  cancel(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * What the store asks of its workers. In the browser each call goes to a Web Worker
 * (src/lib/workers.ts); a test runs the same worker code in-process.
 */
export interface DeskWorkers {
  /** The desk worker's calls, except that the shipped model's address is the adapter's business. */
  readonly desk: Omit<DeskWorkerApi, 'loadModel'> & { loadModel(): Promise<ModelStatus> };
  /** How many `desk.analyse` calls run at once (the size of the desk worker pool). */
  readonly parallel: number;
  /** Runs a full training or a cross-validation in a worker of its own; cancel() ends it. */
  runLearnTask(request: LearnRequest, onProgress: Progress): LearnTask;
  /** Ends the workers (the page is closing, or a test is done). */
  close(): void;
}
