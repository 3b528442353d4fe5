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
import { recordEvent } from '../audit/events';
import { jsonb, type Database, type Queryable } from '../db/database';
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
      await tx.query(
        `INSERT INTO decisions (user_id, client_id, notice_id, path, status, decided_at, base_rev,
                                result_rev, stale, outcome)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)`,
        [
          userId,
          d.clientId,
          d.noticeId,
          JSON.stringify(d.path),
          status,
          decidedAt,
          d.baseRev,
          rev,
          stale,
          outcome,
        ],
      );
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
      await recordEvent(tx, {
        actorId: userId,
        kind: 'decision',
        projectId,
        noticeId: d.noticeId,
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

    for (const [noticeId, lane] of lanes) {
      if (!lane.changed) continue;
      await tx.query(
        `UPDATE assignments SET rev = $3, changed_xid = pg_current_xact_id()
         WHERE notice_id = $1 AND user_id = $2`,
        [noticeId, userId, lane.rev],
      );
    }
    for (const notice of notices.values()) {
      if (!notice.changed) continue;
      await tx.query(
        `UPDATE notices SET state = $2, reasons = $3::jsonb, flags = $4::jsonb,
           final_topic = $5::jsonb, final_at = $6, rev = $7
         WHERE id = $1`,
        [
          notice.id,
          notice.state,
          JSON.stringify(notice.reasons),
          JSON.stringify(notice.flags),
          jsonb(notice.final_topic),
          notice.final_at,
          notice.rev,
        ],
      );
      // The other clerks' copies show the notice's state and final label: they pull it again.
      await tx.query(
        `UPDATE assignments SET changed_xid = pg_current_xact_id()
         WHERE notice_id = $1 AND user_id <> $2`,
        [notice.id, userId],
      );
    }
    return results;
  });
}
