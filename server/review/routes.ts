/**
 * The reviewer's view: notices waiting for review with every decision, the model's score for each
 * label and the header's 原标注; the reviewer's choice is final and recorded. Agreement figures.
 */
import { Hono } from 'hono';
import { classifyNotice } from '../../src/domain/classifier';
import { parseNotice } from '../../src/domain/notice';
import type {
  Agreement,
  ReviewItem,
  ReviewPage,
  ReviewResult,
} from '../../src/domain/team/contract';
import { settleNotice, samePath } from '../../src/domain/team/settle';
import { topicKey, type TopicPath } from '../../src/domain/taxonomy/taxonomy';
import { recordEvent } from '../audit/events';
import type { AppDeps, AppEnv } from '../context';
import { jsonb } from '../db/database';
import { ApiFailure, notFound } from '../http/errors';
import { assertProjectAccess, requireRole } from '../http/guards';
import { pageQuery, reviewRequest } from '../http/schemas';
import { checkLabels, idParam, readJson, readQuery } from '../http/validate';
import { decisionsOf, type NoticeRow } from '../notices/store';
import { projectRules } from '../projects/store';
import { projectAgreement } from './agreement';

export function reviewRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, models } = deps;
  const app = new Hono<AppEnv>();

  app.get('/projects/:projectId/reviews', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const query = readQuery(c, pageQuery);
    const limit = Math.min(query.limit ?? 20, 100);
    const rows = await db.query<NoticeRow>(
      `SELECT * FROM notices WHERE project_id = $1 AND state = 'review' AND id > $2
       ORDER BY id LIMIT $3`,
      [projectId, query.after ?? 0, limit],
    );
    const decisions = await decisionsOf(
      db,
      rows.map((r) => r.id),
    );
    const scoring = await models.forProject(db, projectId);
    const items = rows.map((n): ReviewItem => {
      // The model's score for every leaf, so each clerk's label shows how plausible it was.
      const scores = new Map<string, number>();
      if (scoring) {
        const ranked = classifyNotice(scoring.model, parseNotice(n.text), {
          k: scoring.model.labels.length,
          evidenceTerms: 0,
          evidenceSections: 0,
        });
        for (const s of ranked.top) scores.set(s.path, s.score);
      }
      const scoreOf = (p: TopicPath): number | null => scores.get(topicKey(p)) ?? null;
      return {
        notice: {
          id: n.id,
          rev: n.rev,
          contentId: n.content_id,
          meta: n.meta,
          double: n.required === 2,
        },
        reasons: n.reasons as ReviewItem['reasons'],
        decisions: (decisions.get(n.id) ?? []).map((d) => ({ ...d, score: scoreOf(d.path) })),
        suggestions: n.suggestions,
        originalTopic: n.original_topic,
        final: n.reviewed_topic,
      };
    });
    const page: ReviewPage = {
      items,
      next: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
    };
    return c.json(page);
  });

  app.post('/projects/:projectId/reviews', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const body = await readJson(c, reviewRequest);
    checkLabels([body.path]);
    const result = await db.transaction(async (tx): Promise<ReviewResult> => {
      const [notice] = await tx.query<NoticeRow>(
        'SELECT * FROM notices WHERE id = $1 AND project_id = $2 FOR UPDATE',
        [body.noticeId, projectId],
      );
      if (!notice) throw notFound('公文');
      if (notice.rev !== body.rev) {
        throw new ApiFailure(
          409,
          'stale_revision',
          `这篇公文在你打开后有了新的变化（版本 ${body.rev} → ${notice.rev}），请刷新后再审核。`,
        );
      }
      const rules = await projectRules(tx, projectId);
      const decisions = (await decisionsOf(tx, [notice.id])).get(notice.id) ?? [];
      const latest = decisions.filter((d) => d.latest);
      const settled = settleNotice({
        required: notice.required,
        decisions: latest.map((d) => d.path),
        reviewed: body.path,
        flags: [],
        suggestion: notice.suggestions?.[0] ?? null,
        original: notice.original_topic,
        rules: rules.review,
      });
      const rev = notice.rev + 1;
      await tx.query(
        `INSERT INTO reviews (notice_id, reviewer_id, path, reasons, note, rev)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)`,
        [
          notice.id,
          auth.user.id,
          JSON.stringify(body.path),
          JSON.stringify(notice.reasons),
          body.note ?? null,
          notice.rev,
        ],
      );
      await tx.query(
        `UPDATE notices SET reviewed_topic = $2::jsonb, final_topic = $2::jsonb, final_at = now(),
           state = $3, reasons = '[]', flags = '[]', rev = $4
         WHERE id = $1`,
        [notice.id, jsonb(body.path), settled.state, rev],
      );
      // Every clerk's copy changes: a decision still in flight on the old copy is then stale.
      await tx.query(
        `UPDATE assignments SET rev = rev + 1, changed_xid = pg_current_xact_id() WHERE notice_id = $1`,
        [notice.id],
      );
      await recordEvent(tx, {
        actorId: auth.user.id,
        kind: 'review',
        projectId,
        noticeId: notice.id,
        rev: notice.rev,
        data: {
          path: body.path,
          note: body.note ?? null,
          reasons: notice.reasons,
          previousFinal: notice.final_topic,
          decisions: latest.map((d) => ({ id: d.id, clerkId: d.clerk.id, path: d.path })),
          // The reviewer chose a label no clerk gave: an override of the clerks.
          override: latest.every((d) => !samePath(d.path, body.path)),
        },
      });
      return { noticeId: notice.id, rev, state: settled.state, final: body.path };
    });
    return c.json(result);
  });

  app.get('/projects/:projectId/agreement', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const agreement: Agreement = await projectAgreement(db, projectId);
    return c.json(agreement);
  });

  return app;
}
