/** Messages between the desk and its worker. Types only: both sides import them. */
import type { Classification } from '../domain/classifier/types';
import type { NoticeAnalysis } from '../domain/desk/analyse';
import type { ModelFile } from '../domain/classifier';
import type { TopicPath } from '../domain/taxonomy/taxonomy';

export interface ModelInfo {
  readonly labels: number;
  /** Where the model came from and when it was made, for the clerk's tooltip. */
  readonly source: string;
}

export type WorkerRequest =
  | { readonly type: 'init'; readonly modelUrl: string }
  | { readonly type: 'analyse'; readonly id: number; readonly texts: readonly string[] }
  | { readonly type: 'explain'; readonly id: number; readonly text: string }
  | LearningRequest;

/** The local model's messages, handled by src/workers/learning.ts. */
export type LearningRequest =
  | { readonly type: 'useLocalModel'; readonly id: number; readonly file: ModelFile | null }
  | { readonly type: 'learn'; readonly id: number; readonly text: string; readonly path: TopicPath }
  | { readonly type: 'unlearn'; readonly id: number }
  | { readonly type: 'rescore'; readonly id: number; readonly texts: readonly string[] }
  | { readonly type: 'exportLocalModel'; readonly id: number };

export type WorkerResponse =
  | { readonly type: 'model'; readonly ok: true; readonly info: ModelInfo }
  | { readonly type: 'model'; readonly ok: false; readonly message: string }
  | { readonly type: 'analysed'; readonly id: number; readonly value: NoticeAnalysis[] }
  | { readonly type: 'explained'; readonly id: number; readonly value: Classification | null }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'learning'; readonly id: number; readonly value: unknown };
