/** Loading notices into a project (paste or files), the staff's list, one notice, its evidence. */
import { Hono } from 'hono';
import { classifyNotice } from '../../src/domain/classifier';
import type { Explanation } from '../../src/domain/team/contract';
import { checkPaste } from '../../src/domain/intake/paste';
import { parseNotice } from '../../src/domain/notice';
import { topicKey, type TopicPath } from '../../src/domain/taxonomy/taxonomy';
import type { AppDeps, AppEnv } from '../context';
import { ApiFailure, notFound } from '../http/errors';
import { assertProjectAccess, requireRole } from '../http/guards';
import { noticeListQuery, pasteNoticesRequest } from '../http/schemas';
import { idParam, readJson, readQuery } from '../http/validate';
import { loadNotices } from './load';
import { readUpload, type IntakeError, type IntakeItem } from './read';
import { translate } from '../../src/domain/messages';
import { decisionsOf, findNotice, findNoticeSummary, listNotices } from './store';

/** Files per upload: a folder of notices, or one large CSV/JSONL. */
const MAX_FILES = 2000;

export function noticeRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, models } = deps;
  const app = new Hono<AppEnv>();

  app.post('/projects/:projectId/notices', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const body = await readJson(c, pasteNoticesRequest);
    // The desk's own paste check: an empty or oversized paste is listed, the others are loaded.
    const items: IntakeItem[] = [];
    const errors: IntakeError[] = [];
    body.notices.forEach((n, i) => {
      const checked = checkPaste(n.text);
      if (checked.ok)
        items.push({
          text: checked.text,
          source: { kind: 'paste', name: n.name ?? null },
          labelRaw: null,
        });
      else
        errors.push({
          source: n.name ?? `第 ${i + 1} 篇`,
          reason: translate('zh', checked.reason),
        });
    });
    return c.json(await loadNotices(db, models, projectId, auth.user.id, items, errors), 201);
  });

  app.post('/projects/:projectId/files', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiFailure(
        415,
        'unsupported_media_type',
        '请以 multipart/form-data 上传文件（字段名 files）。',
      );
    }
    const form = await c.req.parseBody({ all: true }).catch(() => {
      throw new ApiFailure(
        400,
        'invalid_body',
        '上传内容无法解析（multipart/form-data 格式有误）。',
      );
    });
    const unknown = Object.keys(form).filter((key) => key !== 'files' && key !== 'files[]');
    if (unknown.length > 0) {
      throw new ApiFailure(400, 'invalid_body', `不允许的字段：${unknown.join('、')}`);
    }
    const raw = form.files ?? form['files[]'];
    const files = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (f): f is File => typeof f !== 'string',
    );
    if (files.length === 0)
      throw new ApiFailure(400, 'invalid_body', '没有收到文件（字段名 files）。');
    if (files.length > MAX_FILES) {
      throw new ApiFailure(400, 'invalid_body', `一次最多上传 ${MAX_FILES} 个文件。`);
    }
    const items: IntakeItem[] = [];
    const errors: IntakeError[] = [];
    for (const file of files) {
      const read = await readUpload(file.name, new Uint8Array(await file.arrayBuffer()));
      items.push(...read.items);
      errors.push(...read.errors);
    }
    return c.json(await loadNotices(db, models, projectId, auth.user.id, items, errors), 201);
  });

  app.get('/projects/:projectId/notices', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const query = readQuery(c, noticeListQuery);
    const limit = query.limit ?? 100;
    const notices = await listNotices(db, projectId, {
      after: query.after ?? 0,
      limit,
      state: query.state ?? null,
    });
    return c.json({
      notices,
      next: notices.length === limit ? (notices.at(-1)?.id ?? null) : null,
    });
  });

  app.get('/projects/:projectId/notices/:noticeId', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    const noticeId = idParam(c, 'noticeId');
    await assertProjectAccess(db, auth, projectId);
    const summary = await findNoticeSummary(db, projectId, noticeId);
    const notice = await findNotice(db, projectId, noticeId);
    if (!summary || !notice) throw notFound('公文');
    const decisions = (await decisionsOf(db, [noticeId])).get(noticeId) ?? [];
    return c.json({
      notice: { ...summary, text: notice.text, reasons: notice.reasons },
      decisions,
    });
  });

  // The classifier's evidence for the top suggestions and for every label a clerk chose.
  app.get('/projects/:projectId/notices/:noticeId/explain', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    const noticeId = idParam(c, 'noticeId');
    await assertProjectAccess(db, auth, projectId);
    const notice = await findNotice(db, projectId, noticeId);
    if (!notice) throw notFound('公文');
    const scoring = await models.forProject(db, projectId);
    if (!scoring) throw new ApiFailure(409, 'no_model', '分类模型不可用，无法给出依据。');
    const chosen = ((await decisionsOf(db, [noticeId])).get(noticeId) ?? []).map((d) => d.path);
    const classification = classifyNotice(scoring.model, parseNotice(notice.text), {
      k: scoring.model.labels.length,
      evidenceTerms: 5,
      evidenceSections: 0,
    });
    const wanted = new Set(chosen.map(topicKey));
    const labels = classification.top
      .filter((s, rank) => rank < 3 || wanted.has(s.path))
      .map((s) => ({
        path: { label1: s.label1, label2: s.label2 } satisfies TopicPath,
        score: s.score,
        evidence: s.evidence.map((e) => ({ term: e.term, weight: e.weight })),
      }));
    const explanation: Explanation = {
      noticeId,
      labels,
      uncertain: classification.uncertain,
    };
    return c.json(explanation);
  });

  return app;
}
