/**
 * Auditing a catalogue: notices whose header already carries a 主题分类 that the model confidently
 * disputes, most confident first, so a clerk fixes the likeliest mistakes first.
 */
import type { NoticeRecord, SuggestedTopic } from '../desk/record';
import type { TopicPath } from '../taxonomy/taxonomy';

export interface AuditCandidate {
  readonly id: string;
  readonly original: TopicPath;
  readonly suggestion: SuggestedTopic;
  /** 1 when the level-1 classes differ, 2 when only the sub-classes do. */
  readonly level: 1 | 2;
}

/** The model disputes `original` when its class differs, or its sub-class where both name one. */
export function disagreement(original: TopicPath, suggested: TopicPath): 1 | 2 | null {
  if (original.label1 !== suggested.label1) return 1;
  if (original.label2 !== null && suggested.label2 !== null && original.label2 !== suggested.label2)
    return 2;
  return null;
}

export const DEFAULT_AUDIT_THRESHOLD = 0.6;

/**
 * Records with a header label whose first suggestion disputes it with score ≥ threshold, by score.
 * Decided records are left out unless asked for: the clerk has settled them.
 */
export function auditCandidates(
  records: Iterable<NoticeRecord>,
  threshold = DEFAULT_AUDIT_THRESHOLD,
  includeDecided = false,
): AuditCandidate[] {
  const out: AuditCandidate[] = [];
  for (const r of records) {
    const top = r.suggestions?.[0];
    if (!r.originalTopic || !top || top.score < threshold) continue;
    if (r.decision && !includeDecided) continue;
    const level = disagreement(r.originalTopic, top.path);
    if (level !== null) out.push({ id: r.id, original: r.originalTopic, suggestion: top, level });
  }
  return out.sort((a, b) => b.suggestion.score - a.suggestion.score || (a.id < b.id ? -1 : 1));
}
