/** Pull: the clerk's assigned notices that changed since the cursor (see cursor.ts). */
import type { PullResponse, SyncNotice } from '../../src/domain/team/contract';
import type { TopicPath } from '../../src/domain/taxonomy/taxonomy';
import type { Database } from '../db/database';
import type { NoticeRow } from '../notices/store';
import { encodeCursor, type Cursor } from './cursor';

type PullRow = NoticeRow & {
  lane_rev: number;
  xid: string;
  my_path: TopicPath | null;
  my_status: 'confirmed' | 'overridden' | null;
  my_decided_at: string | null;
};

export async function pull(
  db: Database,
  userId: number,
  projectId: number,
  cursor: Cursor,
  limit: number,
): Promise<PullResponse> {
  return db.transaction(
    async (tx) => {
      // The first statement of a REPEATABLE READ transaction fixes the snapshot for all of them.
      const [snapshot] = await tx.query<{ xmin: string }>(
        'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
      );
      const rows = await tx.query<PullRow>(
        `SELECT n.*, a.rev AS lane_rev, a.changed_xid::text AS xid,
                d.path AS my_path, d.status AS my_status, d.decided_at AS my_decided_at
         FROM assignments a
         JOIN notices n ON n.id = a.notice_id
         LEFT JOIN LATERAL (
           SELECT path, status, decided_at FROM decisions
           WHERE notice_id = a.notice_id AND user_id = a.user_id
           ORDER BY decided_at DESC, id DESC LIMIT 1
         ) d ON true
         WHERE a.user_id = $1 AND a.project_id = $2 AND a.changed_xid >= $3::xid8
           AND ($4::xid8 IS NULL OR (a.changed_xid, a.notice_id) > ($4::xid8, $5::integer))
         ORDER BY a.changed_xid, a.notice_id
         LIMIT $6`,
        [
          userId,
          projectId,
          cursor.since,
          cursor.after?.[0] ?? null,
          cursor.after?.[1] ?? 0,
          limit + 1,
        ],
      );
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      const next = cursor.next ?? snapshot?.xmin ?? cursor.since;
      const last = page.at(-1);
      const notices = page.map((r): SyncNotice => ({
        id: r.id,
        contentId: r.content_id,
        text: r.text,
        source: { kind: r.source_kind, name: r.source_name },
        addedAt: r.added_at,
        meta: r.meta,
        originalTopic: r.original_topic,
        suggestions: r.suggestions,
        rev: r.lane_rev,
        state: r.state,
        decision:
          r.my_path && r.my_status && r.my_decided_at
            ? { path: r.my_path, status: r.my_status, decidedAt: r.my_decided_at }
            : null,
        final: r.final_topic,
      }));
      return {
        notices,
        more,
        cursor: encodeCursor(
          more && last
            ? { since: cursor.since, next, after: [last.xid, last.id] }
            : { since: next, next: null, after: null },
        ),
      };
    },
    { snapshot: true, readOnly: true },
  );
}
