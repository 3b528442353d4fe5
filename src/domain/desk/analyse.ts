/**
 * What the desk keeps of a notice once it is read: its metadata, its header label on the taxonomy
 * and the classifier's top suggestions. Runs in the worker for every imported notice, on the parse the
 * worker made (and keeps): nothing here parses the text again.
 */
import { classifyNotice } from '../classifier/classify';
import type { Model } from '../classifier/model';
import type { Classification } from '../classifier/types';
import { contentId } from '../intake/id';
import { noticeMeta } from '../notice';
import type { ParsedNotice } from '../notice/types';
import type { TopicPath } from '../taxonomy/taxonomy';
import type { NoticeMeta, NoticeRecord, SuggestedTopic } from './record';

/** How many suggestions a record keeps: the desk shows three, the export the first. */
export const KEPT_SUGGESTIONS = 3;

const BATCH = { k: KEPT_SUGGESTIONS, evidenceTerms: 0, evidenceSections: 0 } as const;

export interface NoticeAnalysis {
  readonly id: string;
  readonly meta: NoticeMeta;
  readonly originalTopic: TopicPath | null;
  /** null when no model is loaded: the clerk labels by hand. */
  readonly suggestions: readonly SuggestedTopic[] | null;
}

export function suggestedTopics(classification: Classification): SuggestedTopic[] {
  return classification.top.slice(0, KEPT_SUGGESTIONS).map((s) => ({
    path: { label1: s.label1, label2: s.label2 },
    score: s.score,
  }));
}

export function analyseNotice(parsed: ParsedNotice, model: Model | null): NoticeAnalysis {
  const meta = noticeMeta(parsed);
  return {
    id: contentId(parsed.text, meta.indexNo),
    meta,
    originalTopic: parsed.topic,
    // The queue keeps scores only; evidence is computed when the clerk opens the notice.
    suggestions: model ? suggestedTopics(classifyNotice(model, parsed, BATCH)) : null,
  };
}

/** The full classification (with evidence) for the notice the clerk is reading. */
export function explainNotice(parsed: ParsedNotice, model: Model): Classification {
  return classifyNotice(model, parsed);
}

/** Fresh suggestions for a notice, as the desk keeps them (after the model learnt a decision). */
export function rescoreNotice(parsed: ParsedNotice, model: Model): SuggestedTopic[] {
  return suggestedTopics(classifyNotice(model, parsed, BATCH));
}

export function newRecord(
  text: string,
  analysis: NoticeAnalysis,
  source: NoticeRecord['source'],
  addedAt: string,
): NoticeRecord {
  return {
    id: analysis.id,
    source,
    addedAt,
    text,
    meta: analysis.meta,
    originalTopic: analysis.originalTopic,
    suggestions: analysis.suggestions,
    decision: null,
    rev: 1,
  };
}
