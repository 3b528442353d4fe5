/**
 * Handing out work: notices of a project go to clerks, a notice of the double-labelled share to two
 * different clerks. Rows are taken with FOR UPDATE SKIP LOCKED, so clerks taking work at the same
 * moment (on any server) never get the same single-labelled notice, and nobody waits.
 */
import { recordEvent } from '../audit/events';
import type { Queryable } from '../db/database';
import { ApiFailure } from '../http/errors';

export async function assertClerkMember(
  tx: Queryable,
  projectId: number,
  userId: number,
): Promise<void> {
  const [row] = await tx.query<{ role: string; disabled: boolean }>(
    `SELECT u.role, u.disabled FROM project_members m JOIN users u ON u.id = m.user_id
     WHERE m.project_id = $1 AND m.user_id = $2`,
    [projectId, userId],
  );
  if (!row || row.role !== 'clerk' || row.disabled) {
    throw new ApiFailure(400, 'not_a_clerk', '只能把公文分配给此项目中未停用的标注员。');
  }
}

export interface AssignOptions {
  readonly projectId: number;
  readonly userId: number;
  readonly actorId: number;
  /** The next `count` notices that still need a clerk … */
  readonly count?: number;
  /** … or exactly these (those that still need a clerk and are not the user's already). */
  readonly noticeIds?: readonly number[];
}

export async function assignNotices(tx: Queryable, options: AssignOptions): Promise<number[]> {
  const { projectId, userId } = options;
  const candidates = await tx.query<{ id: number }>(
    `SELECT n.id FROM notices n
     WHERE n.project_id = $1 AND n.assignees < n.required
       AND ($3::integer[] IS NULL OR n.id = ANY($3::integer[]))
       AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.notice_id = n.id AND a.user_id = $2)
     ORDER BY n.id
     LIMIT $4
     FOR UPDATE SKIP LOCKED`,
    [
      projectId,
      userId,
      options.noticeIds ? [...options.noticeIds] : null,
      options.count ?? options.noticeIds?.length ?? 0,
    ],
  );
  const ids = candidates.map((r) => r.id);
  if (ids.length === 0) return [];
  await tx.query('UPDATE notices SET assignees = assignees + 1 WHERE id = ANY($1::integer[])', [
    ids,
  ]);
  await tx.query(
    `INSERT INTO assignments (notice_id, user_id, project_id, assigned_by)
     SELECT id, $2, $3, $4 FROM unnest($1::integer[]) AS id`,
    [ids, userId, projectId, options.actorId],
  );
  await recordEvent(tx, {
    actorId: options.actorId,
    kind: 'notices.assigned',
    projectId,
    data: { userId, count: ids.length, noticeIds: ids },
  });
  return ids;
}
