/**
 * Push: a batch of a clerk's decisions, in one transaction. Each carries a client-generated id (a
 * resend is acknowledged, never stored twice) and the rev of the copy it was made on. Nothing is
 * overwritten: every decision is stored; one made on a stale copy that disagrees with what happened
 * meanwhile sends the notice to review (see arrivalFlag in src/domain/team/settle.ts).
 */
import { decisionFor } from '../../src/domain/desk/decide';
import type { PushDecision, PushResult } from '../../src/domain/team/contract';
import { arrivalFlag, settleNotice, type ReviewReason } from '../../src/domain/team/settle';
import { topicKey, type TopicPath } from '../../src/domain/taxonomy/taxonomy';
import type { Database, Queryable } from '../db/database';
import type { NoticeRow } from '../notices/store';
import { projectRules } from '../projects/store';

interface StoredDecision {
  client_id: string;
  notice_id: number;
  path: TopicPath;
  base_rev: number;
  result_rev: number;
}

interface Latest {
  readonly path: TopicPath;
  readonly decidedAt: string;
}

/** Each clerk's latest decision per notice (by the clerk's clock, then arrival). */
async function latestDecisions(
  tx: Queryable,
  noticeIds: readonly number[],
): Promise<Map<number, Map<number, Latest>>> {
  const rows = await tx.query<{
    notice_id: number;
    user_id: number;
    path: TopicPath;
    decided_at: string;
  }>(
    `SELECT DISTINCT ON (notice_id, user_id) notice_id, user_id, path, decided_at
     FROM decisions WHERE notice_id = ANY($1::integer[])
     ORDER BY notice_id, user_id, decided_at DESC, id DESC`,
    [[...noticeIds]],
  );
  const byNotice = new Map<number, Map<number, Latest>>();
  for (const r of rows) {
    const clerks = byNotice.get(r.notice_id) ?? new Map<number, Latest>();
    clerks.set(r.user_id, { path: r.path, decidedAt: r.decided_at });
    byNotice.set(r.notice_id, clerks);
  }
  return byNotice;
}

interface BatchWrites {
  readonly decisions: readonly {
    client_id: string;
    notice_id: number;
    path: TopicPath;
    status: string;
    decided_at: string;
    base_rev: number;
    result_rev: number;
    stale: boolean;
    outcome: string;
  }[];
  readonly events: readonly { notice_id: number; rev: number; data: Record<string, unknown> }[];
  readonly lanes: readonly { notice_id: number; rev: number }[];
  readonly notices: readonly {
    id: number;
    state: string;
    reasons: readonly string[];
    flags: readonly string[];
    final_topic: TopicPath | null;
    final_at: string | null;
    rev: number;
  }[];
}

/**
 * The batch's writes, a few statements whatever its size: each kind of row travels as one jsonb
 * array, expanded in SQL in the batch's order (so decision and event ids follow the clerk's order).
 */
async function writeBatch(
  tx: Queryable,
  userId: number,
  projectId: number,
  w: BatchWrites,
): Promise<void> {
  if (w.decisions.length > 0) {
    await tx.query(
      `INSERT INTO decisions (user_id, client_id, notice_id, path, status, decided_at, base_rev,
                              result_rev, stale, outcome)
       SELECT $1, r.client_id, r.notice_id, r.path, r.status, r.decided_at, r.base_rev,
              r.result_rev, r.stale, r.outcome
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(value, ord),
            jsonb_to_record(e.value) AS r(client_id text, notice_id integer, path jsonb,
              status text, decided_at timestamptz, base_rev integer, result_rev integer,
              stale boolean, outcome text)
       ORDER BY e.ord`,
      [userId, JSON.stringify(w.decisions)],
    );
    await tx.query(
      `INSERT INTO events (actor_id, kind, project_id, notice_id, rev, data)
       SELECT $1, 'decision', $2, r.notice_id, r.rev, r.data
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord),
            jsonb_to_record(e.value) AS r(notice_id integer, rev integer, data jsonb)
       ORDER BY e.ord`,
      [userId, projectId, JSON.stringify(w.events)],
    );
  }
  if (w.lanes.length > 0) {
    await tx.query(
      `UPDATE assignments a SET rev = r.rev, changed_xid = pg_current_xact_id()
       FROM jsonb_to_recordset($2::jsonb) AS r(notice_id integer, rev integer)
       WHERE a.notice_id = r.notice_id AND a.user_id = $1`,
      [userId, JSON.stringify(w.lanes)],
    );
  }
  if (w.notices.length > 0) {
    await tx.query(
      `UPDATE notices n SET state = r.state, reasons = r.reasons, flags = r.flags,
         final_topic = CASE WHEN jsonb_typeof(r.final_topic) = 'object' THEN r.final_topic END,
         final_at = r.final_at, rev = r.rev
       FROM jsonb_to_recordset($1::jsonb) AS r(id integer, state text, reasons jsonb, flags jsonb,
         final_topic jsonb, final_at timestamptz, rev integer)
       WHERE n.id = r.id`,
      [JSON.stringify(w.notices)],
    );
    // The other clerks' copies show the notice's state and final label: they pull it again.
    await tx.query(
      `UPDATE assignments SET changed_xid = pg_current_xact_id()
       WHERE notice_id = ANY($1::integer[]) AND user_id <> $2`,
      [w.notices.map((n) => n.id), userId],
    );
  }
}

function rejected(d: PushDecision, code: PushResult['code'], message: string): PushResult {
  return {
    clientId: d.clientId,
    noticeId: d.noticeId,
    status: 'rejected',
    rev: null,
    state: null,
    code,
    message,
  };
}

export async function push(
  db: Database,
  userId: number,
  projectId: number,
  decisions: readonly PushDecision[],
): Promise<PushResult[]> {
  return db.transaction(async (tx) => {
    const rules = await projectRules(tx, projectId);
    const noticeIds = [...new Set(decisions.map((d) => d.noticeId))].sort((a, b) => a - b);
    // Locked in id order: two batches over the same notices queue up instead of deadlocking.
    const notices = new Map(
      (
        await tx.query<NoticeRow>(
          'SELECT * FROM notices WHERE id = ANY($1::integer[]) AND project_id = $2 ORDER BY id FOR UPDATE',
          [noticeIds, projectId],
        )
      ).map((n) => [n.id, { ...n, changed: false }]),
    );
    const lanes = new Map(
      (
        await tx.query<{ notice_id: number; rev: number }>(
          `SELECT notice_id, rev FROM assignments
           WHERE user_id = $1 AND notice_id = ANY($2::integer[]) ORDER BY notice_id FOR UPDATE`,
          [userId, noticeIds],
        )
      ).map((a) => [a.notice_id, { rev: a.rev, changed: false }]),
    );
    const stored = new Map(
      (
        await tx.query<StoredDecision>(
          `SELECT client_id, notice_id, path, base_rev, result_rev FROM decisions
           WHERE user_id = $1 AND client_id = ANY($2::text[])`,
          [userId, decisions.map((d) => d.clientId)],
        )
      ).map((d) => [d.client_id, d]),
    );
    const latest = await latestDecisions(tx, noticeIds);
    // The previous item of this batch on the same notice: a later item made on the same base was
    // made after it on the same device, so it builds on it rather than conflicting with it.
    const chain = new Map<number, { base: number; result: number }>();
    const results: PushResult[] = [];
    const newDecisions: BatchWrites['decisions'][number][] = [];
    const newEvents: BatchWrites['events'][number][] = [];

    for (const d of decisions) {
      const notice = notices.get(d.noticeId);
      const lane = lanes.get(d.noticeId);
      if (!notice) {
        results.push(rejected(d, 'not_found', `公文 ${d.noticeId} 不在此项目中。`));
        continue;
      }
      if (!lane) {
        results.push(rejected(d, 'forbidden', `公文 ${d.noticeId} 没有分配给你。`));
        continue;
      }
      const earlier = stored.get(d.clientId);
      if (earlier) {
        if (earlier.notice_id !== d.noticeId || topicKey(earlier.path) !== topicKey(d.path)) {
          results.push(
            rejected(
              d,
              'invalid_body',
              `clientId ${d.clientId} 已用于另一条决定，请为新决定生成新的 clientId。`,
            ),
          );
          continue;
        }
        chain.set(d.noticeId, { base: earlier.base_rev, result: earlier.result_rev });
        results.push({
          clientId: d.clientId,
          noticeId: d.noticeId,
          status: 'duplicate',
          rev: earlier.result_rev,
          state: notice.state,
        });
        continue;
      }
      const previousInBatch = chain.get(d.noticeId);
      const base =
        previousInBatch && d.baseRev === previousInBatch.base ? previousInBatch.result : d.baseRev;
      if (base > lane.rev) {
        results.push(
          rejected(
            d,
            'stale_revision',
            `版本号 ${d.baseRev} 大于服务器上的 ${lane.rev}：请重新拉取后再提交。`,
          ),
        );
        continue;
      }
      const stale = base < lane.rev;
      const clerks = latest.get(d.noticeId) ?? new Map<number, Latest>();
      const decidedAt = new Date(d.decidedAt).toISOString();
      const flag = arrivalFlag({
        path: d.path,
        stale,
        previous: clerks.get(userId)?.path ?? null,
        reviewed: notice.reviewed_topic,
      });
      const status = decisionFor(notice, d.path, decidedAt).status;
      const rev = lane.rev + 1;
      const outcome = flag === 'stale' ? 'conflict' : 'accepted';
      newDecisions.push({
        client_id: d.clientId,
        notice_id: d.noticeId,
        path: d.path,
        status,
        decided_at: decidedAt,
        base_rev: d.baseRev,
        result_rev: rev,
        stale,
        outcome,
      });
      stored.set(d.clientId, {
        client_id: d.clientId,
        notice_id: d.noticeId,
        path: d.path,
        base_rev: d.baseRev,
        result_rev: rev,
      });
      lane.rev = rev;
      lane.changed = true;
      chain.set(d.noticeId, { base: d.baseRev, result: rev });
      const mine = clerks.get(userId);
      if (!mine || decidedAt >= mine.decidedAt) clerks.set(userId, { path: d.path, decidedAt });
      latest.set(d.noticeId, clerks);

      const flags: ReviewReason[] = flag
        ? [...(notice.flags as ReviewReason[]), flag]
        : (notice.flags as ReviewReason[]);
      const settled = settleNotice({
        required: notice.required,
        decisions: [...clerks.values()].map((c) => c.path),
        reviewed: notice.reviewed_topic,
        flags,
        suggestion: notice.suggestions?.[0] ?? null,
        original: notice.original_topic,
        rules: rules.review,
      });
      const becameFinal =
        settled.final !== null &&
        (notice.final_topic === null || topicKey(notice.final_topic) !== topicKey(settled.final));
      Object.assign(notice, {
        state: settled.state,
        reasons: settled.reasons,
        flags: [...new Set(flags)],
        final_topic: settled.final,
        final_at: becameFinal ? new Date().toISOString() : notice.final_at,
        rev: notice.rev + 1,
        changed: true,
      });
      newEvents.push({
        notice_id: d.noticeId,
        rev: d.baseRev,
        data: {
          clientId: d.clientId,
          path: d.path,
          status,
          decidedAt,
          stale,
          outcome,
          flag,
          state: settled.state,
        },
      });
      results.push({
        clientId: d.clientId,
        noticeId: d.noticeId,
        status: outcome,
        rev,
        state: settled.state,
      });
    }

    await writeBatch(tx, userId, projectId, {
      decisions: newDecisions,
      events: newEvents,
      lanes: [...lanes]
        .filter(([, l]) => l.changed)
        .map(([noticeId, l]) => ({ notice_id: noticeId, rev: l.rev })),
      notices: [...notices.values()]
        .filter((n) => n.changed)
        .map((n) => ({
          id: n.id,
          state: n.state,
          reasons: n.reasons,
          flags: n.flags,
          final_topic: n.final_topic,
          final_at: n.final_at,
          rev: n.rev,
        })),
    });
    return results;
  });
}
