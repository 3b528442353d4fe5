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

/**
 * How sure the model must be before it disputes a catalogue label: with calibrated scores, at 0.9
 * the label it disputes has at most a one-in-ten chance, and nine flags in ten are real mistakes.
 */
export const DEFAULT_AUDIT_THRESHOLD = 0.9;

/**
 * Whether the first suggestion disputes a catalogue label confidently: a different class whose
 * level-1 score reaches `threshold`, or, within the label's class, a different sub-class whose
 * full-path score reaches it. A close call is never flagged: it is a judgment, not a mistake.
 */
export function disputes(
  original: TopicPath,
  top: SuggestedTopic | undefined,
  threshold = DEFAULT_AUDIT_THRESHOLD,
): 1 | 2 | null {
  if (!top) return null;
  const level = disagreement(original, top.path);
  if (level === 1) return (top.score1 ?? top.score) >= threshold ? 1 : null;
  if (level === 2) return top.score >= threshold ? 2 : null;
  return null;
}

/**
 * Records with a header label that their first suggestion confidently disputes, most confident
 * first. Decided records are left out unless asked for: the clerk has settled them.
 */
export function auditCandidates(
  records: Iterable<NoticeRecord>,
  threshold = DEFAULT_AUDIT_THRESHOLD,
  includeDecided = false,
): AuditCandidate[] {
  const out: AuditCandidate[] = [];
  for (const r of records) {
    const top = r.suggestions?.[0];
    if (!r.originalTopic || !top) continue;
    if (r.decision && !includeDecided) continue;
    const level = disputes(r.originalTopic, top, threshold);
    if (level !== null) out.push({ id: r.id, original: r.originalTopic, suggestion: top, level });
  }
  return out.sort((a, b) => b.suggestion.score - a.suggestion.score || (a.id < b.id ? -1 : 1));
}
