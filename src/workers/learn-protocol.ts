/** Messages between the desk and its training worker (full training and cross-validation). Types only. */
import type { ModelFile } from '../domain/classifier';
import type { Comparison } from '../domain/learning';
import type { TopicPath } from '../domain/taxonomy/taxonomy';

export interface TrainingExample {
  readonly text: string;
  readonly path: TopicPath;
  readonly source: 'history' | 'decision';
}

export type LearnRequest =
  | {
      readonly type: 'train';
      readonly modelUrl: string;
      readonly examples: readonly TrainingExample[];
      readonly createdAt: string;
    }
  | {
      readonly type: 'compare';
      readonly modelUrl: string;
      readonly examples: readonly TrainingExample[];
      readonly k: number;
    };

export type LearnResponse =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'trained'; readonly file: ModelFile; readonly ms: number }
  | {
      readonly type: 'compared';
      readonly value: Comparison;
      /** Examples available; `value.n` of them were scored (a sample when there are very many). */
      readonly available: number;
      readonly ms: number;
    }
  | { readonly type: 'failed'; readonly message: string };
