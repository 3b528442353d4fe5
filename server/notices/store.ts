/** Reading notices for the project's staff: the list, one notice with its decisions. */
import type { NoticeMeta, SuggestedTopic } from '../../src/domain/desk/record';
import type { NoticeSummary, ReviewDecision } from '../../src/domain/team/contract';
import type { NoticeState } from '../../src/domain/team/settle';
import type { TopicPath } from '../../src/domain/taxonomy/taxonomy';
import type { Queryable } from '../db/database';

export interface NoticeRow {
  id: number;
  project_id: number;
  content_id: string;
  source_kind: 'paste' | 'file' | 'import';
  source_name: string | null;
  text: string;
  meta: NoticeMeta;
  original_topic: TopicPath | null;
  suggestions: SuggestedTopic[] | null;
  required: 1 | 2;
  assignees: number;
  state: NoticeState;
  reasons: string[];
  flags: string[];
  final_topic: TopicPath | null;
  reviewed_topic: TopicPath | null;
  final_at: string | null;
  rev: number;
  added_at: string;
}

const SUMMARY_SELECT = `
  SELECT n.id, n.content_id, n.meta, n.original_topic, n.suggestions, n.required, n.state,
         n.final_topic, n.rev, n.added_at,
         coalesce((SELECT json_agg(json_build_object('userId', u.id, 'name', u.name) ORDER BY u.name)
                   FROM assignments a JOIN users u ON u.id = a.user_id
                   WHERE a.notice_id = n.id), '[]') AS assignees
  FROM notices n`;

type SummaryRow = Pick<
  NoticeRow,
  | 'id'
  | 'content_id'
  | 'meta'
  | 'original_topic'
  | 'suggestions'
  | 'required'
  | 'state'
  | 'final_topic'
  | 'rev'
  | 'added_at'
> & { assignees: { userId: number; name: string }[] };

function toSummary(row: SummaryRow): NoticeSummary {
  return {
    id: row.id,
    contentId: row.content_id,
    meta: row.meta,
    originalTopic: row.original_topic,
    suggestions: row.suggestions,
    double: row.required === 2,
    state: row.state,
    final: row.final_topic,
    rev: row.rev,
    assignees: row.assignees,
    addedAt: row.added_at,
  };
}

export async function listNotices(
  db: Queryable,
  projectId: number,
  options: { after: number; limit: number; state: NoticeState | null },
): Promise<NoticeSummary[]> {
  const rows = await db.query<SummaryRow>(
    `${SUMMARY_SELECT}
     WHERE n.project_id = $1 AND n.id > $2 AND ($3::text IS NULL OR n.state = $3)
     ORDER BY n.id LIMIT $4`,
    [projectId, options.after, options.state, options.limit],
  );
  return rows.map(toSummary);
}

export async function findNoticeSummary(
  db: Queryable,
  projectId: number,
  noticeId: number,
): Promise<NoticeSummary | null> {
  const [row] = await db.query<SummaryRow>(
    `${SUMMARY_SELECT} WHERE n.project_id = $1 AND n.id = $2`,
    [projectId, noticeId],
  );
  return row ? toSummary(row) : null;
}

export async function findNotice(
  db: Queryable,
  projectId: number,
  noticeId: number,
): Promise<NoticeRow | null> {
  const [row] = await db.query<NoticeRow>(
    'SELECT * FROM notices WHERE project_id = $1 AND id = $2',
    [projectId, noticeId],
  );
  return row ?? null;
}

interface DecisionRow {
  id: number;
  notice_id: number;
  user_id: number;
  user_name: string;
  path: TopicPath;
  status: 'confirmed' | 'overridden';
  decided_at: string;
  received_at: string;
  base_rev: number;
  stale: boolean;
  latest: boolean;
}

/**
 * Every decision on these notices, oldest first, each marked whether it is its clerk's latest
 * (by the clerk's own clock, then arrival): the one that counts.
 */
export async function decisionsOf(
  db: Queryable,
  noticeIds: readonly number[],
): Promise<Map<number, Omit<ReviewDecision, 'score'>[]>> {
  const byNotice = new Map<number, Omit<ReviewDecision, 'score'>[]>();
  if (noticeIds.length === 0) return byNotice;
  const rows = await db.query<DecisionRow>(
    `SELECT d.id, d.notice_id, d.user_id, u.name AS user_name, d.path, d.status, d.decided_at,
            d.received_at, d.base_rev, d.stale,
            d.id = first_value(d.id) OVER (PARTITION BY d.notice_id, d.user_id
                                           ORDER BY d.decided_at DESC, d.id DESC) AS latest
     FROM decisions d JOIN users u ON u.id = d.user_id
     WHERE d.notice_id = ANY($1::integer[])
     ORDER BY d.notice_id, d.id`,
    [[...noticeIds]],
  );
  for (const r of rows) {
    const list = byNotice.get(r.notice_id) ?? [];
    list.push({
      id: r.id,
      clerk: { id: r.user_id, name: r.user_name },
      path: r.path,
      status: r.status,
      decidedAt: r.decided_at,
      receivedAt: r.received_at,
      baseRev: r.base_rev,
      stale: r.stale,
      latest: r.latest,
    });
    byNotice.set(r.notice_id, list);
  }
  return byNotice;
}
