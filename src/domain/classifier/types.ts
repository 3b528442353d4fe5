/**
 * What the classifier tells the desk. Contract shared by the classifier, the worker and the UI.
 */
import type { Span } from '../notice/types';

/** A term that moved the score, with where it stands in the notice text. */
export interface Evidence {
  readonly term: string;
  /** Contribution to this suggestion's log-odds (positive = for it). */
  readonly weight: number;
  readonly spans: readonly Span[];
}

/** The section (by heading) that contributed most to a suggestion. */
export interface SectionEvidence {
  readonly heading: string;
  readonly span: Span;
  readonly weight: number;
}

export interface Suggestion {
  readonly label1: string;
  /** null only for a class without sub-classes (the top-level 其他). */
  readonly label2: string | null;
  /** `一级\二级` as gov.cn writes it (topicKey). */
  readonly path: string;
  /** Calibrated probability of the full path, 0..1. */
  readonly score: number;
  /** Calibrated probability of label1 alone (sum over its sub-classes): ≥ score. */
  readonly score1: number;
  readonly evidence: readonly Evidence[];
  readonly sections: readonly SectionEvidence[];
}

export interface Classification {
  /** Best first; five entries unless the model knows fewer labels. */
  readonly top: readonly Suggestion[];
  /** Level-1 ranking with probabilities that sum to 1 over all classes. */
  readonly level1: readonly { readonly label1: string; readonly score: number }[];
  /** True when the model should not be trusted on its own (low top score or a close second). */
  readonly uncertain: boolean;
}
