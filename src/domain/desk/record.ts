/**
 * A notice on the desk: its text, what the parser and classifier said, and the clerk's decision.
 * This is what is stored, exported as JSONL (losslessly) and as CSV.
 */
import type { TopicPath } from '../taxonomy/taxonomy';

/** 待确认 / 已确认 / 已改标 */
export type NoticeStatus = 'pending' | 'confirmed' | 'overridden';

export const STATUS_LABELS: Readonly<Record<NoticeStatus, string>> = {
  pending: '待确认',
  confirmed: '已确认',
  overridden: '已改标',
};

/** The header fields the queue and the export show, taken from the parsed notice once. */
export interface NoticeMeta {
  readonly title: string | null;
  readonly issuer: string | null; // 公开主体
  readonly docNumber: string | null; // 发文字号 (normalised)
  readonly indexNo: string | null; // 索引号
  readonly topicRaw: string | null; // 主题分类 as written in the header (原标注)
  readonly writtenDate: string | null; // 成文日期, ISO
  readonly publishDate: string | null; // 发布日期, ISO
  readonly effectiveDate: string | null; // 生效日期, ISO
  readonly expiryDate: string | null; // 失效日期, ISO
}

export interface SuggestedTopic {
  readonly path: TopicPath;
  readonly score: number;
}

export interface Decision {
  readonly path: TopicPath;
  /** confirmed = took the first suggestion; overridden = chose anything else. */
  readonly status: Exclude<NoticeStatus, 'pending'>;
  /** ISO timestamp. */
  readonly decidedAt: string;
}

export interface NoticeRecord {
  /** Content hash of the text (see contentId), so a re-import never duplicates a notice. */
  readonly id: string;
  readonly source: { readonly kind: 'paste' | 'file' | 'import'; readonly name: string | null };
  /** ISO timestamp. */
  readonly addedAt: string;
  readonly text: string;
  readonly meta: NoticeMeta;
  /** The header's 主题分类 on the taxonomy (原标注); null when absent or unknown. */
  readonly originalTopic: TopicPath | null;
  /** Best first; null until the classifier has run (or when no model could be loaded). */
  readonly suggestions: readonly SuggestedTopic[] | null;
  readonly decision: Decision | null;
  /** Bumped on every stored change, so two tabs never overwrite each other silently. */
  readonly rev: number;
}

export function noticeStatus(record: NoticeRecord): NoticeStatus {
  return record.decision?.status ?? 'pending';
}

/** How many of the notices the clerk has decided. */
export function decidedCount(records: Iterable<NoticeRecord>): number {
  let n = 0;
  for (const r of records) if (r.decision !== null) n++;
  return n;
}
