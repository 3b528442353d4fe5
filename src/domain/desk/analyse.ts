/**
 * What the desk keeps of a notice once it is read: its metadata, its header label on the taxonomy
 * and the classifier's top suggestions. Runs in the worker for every imported notice.
 */
import { classifyNotice } from '../classifier/classify';
import type { Model } from '../classifier/model';
import type { Classification } from '../classifier/types';
import { contentId } from '../intake/id';
import { noticeMeta, parseNotice } from '../notice';
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
    score1: s.score1,
  }));
}

export function analyseNotice(text: string, model: Model | null): NoticeAnalysis {
  const parsed = parseNotice(text);
  const meta = noticeMeta(parsed);
  return {
    id: contentId(text, meta.indexNo),
    meta,
    originalTopic: parsed.topic,
    // The queue keeps scores only; evidence is computed when the clerk opens the notice.
    suggestions: model ? suggestedTopics(classifyNotice(model, parsed, BATCH)) : null,
  };
}

/** The full classification (with evidence) for the notice the clerk is reading. */
export function explainNotice(text: string, model: Model): Classification {
  return classifyNotice(model, parseNotice(text));
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
