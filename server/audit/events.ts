/** The audit trail: one append-only row per action (the database refuses updates and deletes). */
import type { AuditEvent, EventKind } from '../../src/domain/team/contract';
import type { Queryable } from '../db/database';

export interface NewEvent {
  readonly actorId: number | null;
  readonly kind: EventKind;
  readonly projectId?: number | null;
  readonly noticeId?: number | null;
  /** The notice revision the action was made from. */
  readonly rev?: number | null;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Written in the same transaction as the change it records: both or neither. */
export async function recordEvent(tx: Queryable, event: NewEvent): Promise<void> {
  await tx.query(
    `INSERT INTO events (actor_id, kind, project_id, notice_id, rev, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      event.actorId,
      event.kind,
      event.projectId ?? null,
      event.noticeId ?? null,
      event.rev ?? null,
      JSON.stringify(event.data ?? {}),
    ],
  );
}

interface EventRow {
  id: number;
  at: string;
  kind: EventKind;
  actor_id: number | null;
  actor_name: string | null;
  project_id: number | null;
  notice_id: number | null;
  rev: number | null;
  data: Record<string, unknown>;
}

export const EVENT_COLUMNS = `e.id, e.at, e.kind, e.actor_id, u.name AS actor_name, e.project_id,
  e.notice_id, e.rev, e.data`;

export function toEvent(row: EventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
    projectId: row.project_id,
    noticeId: row.notice_id,
    rev: row.rev,
    data: row.data,
  };
}

/** Events in id order after `after`, of one project or (null) of the whole server. */
export async function listEvents(
  db: Queryable,
  projectId: number | null,
  after: number,
  limit: number,
): Promise<AuditEvent[]> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.id > $1 AND ($2::integer IS NULL OR e.project_id = $2)
     ORDER BY e.id LIMIT $3`,
    [after, projectId, limit],
  );
  return rows.map(toEvent);
}
