/** Messages between the desk and its worker. Types only: both sides import them. */
import type { Classification } from '../domain/classifier/types';
import type { NoticeAnalysis } from '../domain/desk/analyse';

export interface ModelInfo {
  readonly labels: number;
  /** Where the model came from and when it was made, for the clerk's tooltip. */
  readonly source: string;
}

export type WorkerRequest =
  | { readonly type: 'init'; readonly modelUrl: string }
  | { readonly type: 'analyse'; readonly id: number; readonly texts: readonly string[] }
  | { readonly type: 'explain'; readonly id: number; readonly text: string };

export type WorkerResponse =
  | { readonly type: 'model'; readonly ok: true; readonly info: ModelInfo }
  | { readonly type: 'model'; readonly ok: false; readonly message: string }
  | { readonly type: 'analysed'; readonly id: number; readonly value: NoticeAnalysis[] }
  | { readonly type: 'explained'; readonly id: number; readonly value: Classification | null }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
