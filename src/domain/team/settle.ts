/**
 * Where a notice stands in a team's shared queue once clerks have decided: still open, settled with
 * a final label, or waiting for the reviewer, and why. Pure: the server calls it after every change.
 */
import type { SuggestedTopic } from '../desk/record';
import { topicKey, type TopicPath } from '../taxonomy/taxonomy';

/** open: waiting for decisions · review: waiting for the reviewer · done: has a final label. */
export type NoticeState = 'open' | 'review' | 'done';

/**
 * Why a notice waits for the reviewer.
 * - two-clerks: the clerks who labelled it independently disagree
 * - suggestion: the clerk's label differs from a suggestion the model was very sure of
 * - original: the clerk's label differs from the header's 主题分类 (原标注)
 * - stale: a decision made on an out-of-date copy (offline, another device) disagrees with what the
 *   server had meanwhile
 * - after-review: a clerk disagreed with the reviewer's label after seeing it
 */
export type ReviewReason = 'two-clerks' | 'suggestion' | 'original' | 'stale' | 'after-review';

export interface ReviewRules {
  /** A label that differs from a suggestion scored at least this goes to review; null: never. */
  readonly suggestionAbove: number | null;
  /** A label that differs from the header's 主题分类 (原标注) goes to review. */
  readonly original: boolean;
}

export const DEFAULT_REVIEW_RULES: ReviewRules = { suggestionAbove: 0.9, original: true };

export interface Settling {
  /** 1, or 2 for a notice in the double-labelled share. */
  readonly required: 1 | 2;
  /** Each clerk's latest decision, one per clerk. */
  readonly decisions: readonly TopicPath[];
  /** The reviewer's label, once reviewed. */
  readonly reviewed: TopicPath | null;
  /** Reasons raised by the sync (stale, after-review) that stand until the next review. */
  readonly flags: readonly ReviewReason[];
  /** The model's first suggestion. */
  readonly suggestion: SuggestedTopic | null;
  /** The header's 主题分类 on the taxonomy (原标注). */
  readonly original: TopicPath | null;
  readonly rules: ReviewRules;
}

export interface Settled {
  readonly state: NoticeState;
  /** The final label: the reviewer's, or the clerks' agreed one when nothing needs review. */
  readonly final: TopicPath | null;
  readonly reasons: readonly ReviewReason[];
}

export function samePath(a: TopicPath, b: TopicPath): boolean {
  return topicKey(a) === topicKey(b);
}

/** A header label given at level 1 only (`科技、教育`) agrees with any of its sub-classes. */
export function agreesWithOriginal(original: TopicPath, label: TopicPath): boolean {
  return original.label2 === null ? original.label1 === label.label1 : samePath(original, label);
}

export function settleNotice(s: Settling): Settled {
  const flags = [...new Set(s.flags)];
  if (flags.length > 0) return { state: 'review', final: s.reviewed, reasons: flags };
  if (s.reviewed !== null) return { state: 'done', final: s.reviewed, reasons: [] };
  const [first, ...others] = s.decisions;
  if (first === undefined || s.decisions.length < s.required) {
    return { state: 'open', final: null, reasons: [] };
  }
  const reasons: ReviewReason[] = [];
  if (others.some((d) => !samePath(d, first))) reasons.push('two-clerks');
  const top = s.suggestion;
  if (
    s.rules.suggestionAbove !== null &&
    top !== null &&
    top.score >= s.rules.suggestionAbove &&
    s.decisions.some((d) => !samePath(d, top.path))
  ) {
    reasons.push('suggestion');
  }
  const original = s.original;
  if (
    s.rules.original &&
    original !== null &&
    s.decisions.some((d) => !agreesWithOriginal(original, d))
  ) {
    reasons.push('original');
  }
  return reasons.length > 0
    ? { state: 'review', final: null, reasons }
    : { state: 'done', final: first, reasons: [] };
}

export interface Arrival {
  readonly path: TopicPath;
  /** Made on an older revision of the clerk's copy than the server's (see the sync contract). */
  readonly stale: boolean;
  /** This clerk's latest decision on the notice before this one. */
  readonly previous: TopicPath | null;
  /** The reviewer's label, if the notice was reviewed. */
  readonly reviewed: TopicPath | null;
}

/**
 * The review flag a decision arriving by sync raises, if any. Nothing is overwritten silently: a
 * stale decision that disagrees with what happened meanwhile (the clerk's own newer decision from
 * another device, or a review) goes to the reviewer with both; so does a fresh disagreement with
 * the reviewer's label. A stale decision that agrees changes nothing.
 */
export function arrivalFlag(a: Arrival): ReviewReason | null {
  const differs = (other: TopicPath | null): boolean => other !== null && !samePath(other, a.path);
  if (a.stale) return differs(a.previous) || differs(a.reviewed) ? 'stale' : null;
  return differs(a.reviewed) ? 'after-review' : null;
}
