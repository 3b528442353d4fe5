/** Assignment by the staff, and clerks taking the next notices themselves. */
import { Hono } from 'hono';
import type { AssignResult } from '../../src/domain/team/contract';
import type { AppDeps, AppEnv } from '../context';
import { ApiFailure } from '../http/errors';
import { assertProjectAccess, requireRole } from '../http/guards';
import { assignRequest, takeRequest } from '../http/schemas';
import { idParam, readJson } from '../http/validate';
import { assertClerkMember, assignNotices } from './assign';

export function queueRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.post('/projects/:projectId/assignments', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const body = await readJson(c, assignRequest);
    if ((body.count === undefined) === (body.noticeIds === undefined)) {
      throw new ApiFailure(400, 'invalid_body', '请求内容有误：count 与 noticeIds 须二选一。');
    }
    const assigned = await db.transaction(async (tx) => {
      await assertClerkMember(tx, projectId, body.userId);
      return assignNotices(tx, { ...body, projectId, actorId: auth.user.id });
    });
    return c.json({ assigned } satisfies AssignResult);
  });

  app.post('/projects/:projectId/take', async (c) => {
    const auth = requireRole(c, 'clerk');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const body = await readJson(c, takeRequest);
    const assigned = await db.transaction(async (tx) => {
      await assertClerkMember(tx, projectId, auth.user.id);
      return assignNotices(tx, {
        projectId,
        userId: auth.user.id,
        actorId: auth.user.id,
        count: body.count,
      });
    });
    return c.json({ assigned } satisfies AssignResult);
  });

  return app;
}
