/** The clerk's decision on a notice, as a pure change of its record. */
import { topicKey, type TopicPath } from '../taxonomy/taxonomy';
import type { Decision, NoticeRecord } from './record';

/** Taking the first suggestion is a confirmation; any other path is an override (已改标). */
export function decisionFor(record: NoticeRecord, path: TopicPath, decidedAt: string): Decision {
  const first = record.suggestions?.[0];
  const confirmed = first !== undefined && topicKey(first.path) === topicKey(path);
  return { path, status: confirmed ? 'confirmed' : 'overridden', decidedAt };
}

export function withDecision(record: NoticeRecord, decision: Decision | null): NoticeRecord {
  return { ...record, decision, rev: record.rev + 1 };
}
