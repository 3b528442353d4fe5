/** The clerk's decision on a notice, as a pure change of its record. */
import { topicKey, type TopicPath } from '../taxonomy/taxonomy';
import type { Decision, NoticeRecord } from './record';

/** Taking the first suggestion is a confirmation; any other path is an override (已改标). */
export function decisionFor(
  record: Pick<NoticeRecord, 'suggestions'>,
  path: TopicPath,
  decidedAt: string,
): Decision {
  const first = record.suggestions?.[0];
  const confirmed = first !== undefined && topicKey(first.path) === topicKey(path);
  return { path, status: confirmed ? 'confirmed' : 'overridden', decidedAt };
}

export function withDecision(record: NoticeRecord, decision: Decision | null): NoticeRecord {
  return { ...record, decision, rev: record.rev + 1 };
}

/** The same decision: path, status and time. */
export function sameDecision(a: Decision | null, b: Decision | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    topicKey(a.path) === topicKey(b.path) && a.status === b.status && a.decidedAt === b.decidedAt
  );
}

/**
 * When another tab stored a newer version of a notice while this tab changed its decision: if that
 * version only re-scored the suggestions (its decision is still the one this change started from),
 * this tab's decision is applied on top of it. Otherwise both decided: null, a real conflict.
 */
export function rebaseDecision(
  stored: NoticeRecord,
  mine: NoticeRecord,
  base: NoticeRecord,
): NoticeRecord | null {
  if (!sameDecision(stored.decision, base.decision)) return null;
  return { ...stored, decision: mine.decision, rev: stored.rev + 1 };
}
