/** Projects and their members: admins create and change them; members read them. */
import { Hono } from 'hono';
import { recordEvent } from '../audit/events';
import type { AppDeps, AppEnv } from '../context';
import { sqlState, UNIQUE_VIOLATION } from '../db/database';
import { ApiFailure, notFound } from '../http/errors';
import { assertProjectAccess, requireRole } from '../http/guards';
import { createProjectRequest, updateProjectRequest } from '../http/schemas';
import { idParam, readJson } from '../http/validate';
import { DEFAULT_REVIEW_RULES } from '../../src/domain/team/settle';
import { findProject, listMembers, listProjects } from './store';

const nameTaken = (name: string): ApiFailure =>
  new ApiFailure(409, 'name_taken', `项目名称“${name}”已被使用。`);

export function projectRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/projects', async (c) => {
    const { user } = c.var.auth;
    return c.json({ projects: await listProjects(db, user.role === 'admin' ? null : user.id) });
  });

  app.post('/projects', async (c) => {
    const auth = requireRole(c, 'admin');
    const body = await readJson(c, createProjectRequest);
    try {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: number }>(
          `INSERT INTO projects (name, description, double_share, review_suggestion_above,
                                 review_original, created_by)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            body.name,
            body.description ?? null,
            body.doubleShare ?? 0.1,
            body.reviewSuggestionAbove === undefined
              ? DEFAULT_REVIEW_RULES.suggestionAbove
              : body.reviewSuggestionAbove,
            body.reviewOriginal ?? DEFAULT_REVIEW_RULES.original,
            auth.user.id,
          ],
        );
        if (!row) throw new Error('INSERT INTO projects returned no row');
        await recordEvent(tx, {
          actorId: auth.user.id,
          kind: 'project.created',
          projectId: row.id,
          data: { ...body },
        });
        return row.id;
      });
      return c.json({ project: await findProject(db, id) }, 201);
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw nameTaken(body.name);
      throw error;
    }
  });

  app.get('/projects/:projectId', async (c) => {
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, c.var.auth, projectId);
    const project = await findProject(db, projectId);
    if (!project) throw notFound('项目');
    return c.json({ project, members: await listMembers(db, projectId) });
  });

  app.patch('/projects/:projectId', async (c) => {
    const auth = requireRole(c, 'admin');
    const projectId = idParam(c, 'projectId');
    const body = await readJson(c, updateProjectRequest);
    try {
      await db.transaction(async (tx) => {
        const [row] = await tx.query(
          `UPDATE projects SET
             name = coalesce($2, name),
             description = CASE WHEN $3 THEN $4 ELSE description END,
             double_share = coalesce($5, double_share),
             review_suggestion_above = CASE WHEN $6 THEN $7 ELSE review_suggestion_above END,
             review_original = coalesce($8, review_original)
           WHERE id = $1 RETURNING id`,
          [
            projectId,
            body.name ?? null,
            body.description !== undefined,
            body.description ?? null,
            body.doubleShare ?? null,
            body.reviewSuggestionAbove !== undefined,
            body.reviewSuggestionAbove ?? null,
            body.reviewOriginal ?? null,
          ],
        );
        if (!row) throw notFound('项目');
        await recordEvent(tx, {
          actorId: auth.user.id,
          kind: 'project.updated',
          projectId,
          data: { ...body },
        });
      });
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw nameTaken(body.name ?? '');
      throw error;
    }
    return c.json({ project: await findProject(db, projectId) });
  });

  app.put('/projects/:projectId/members/:userId', async (c) => {
    const auth = requireRole(c, 'admin');
    const projectId = idParam(c, 'projectId');
    const userId = idParam(c, 'userId');
    await db.transaction(async (tx) => {
      const [project] = await tx.query('SELECT 1 FROM projects WHERE id = $1', [projectId]);
      if (!project) throw notFound('项目');
      const [user] = await tx.query('SELECT 1 FROM users WHERE id = $1', [userId]);
      if (!user) throw notFound('用户');
      const added = await tx.query(
        `INSERT INTO project_members (project_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [projectId, userId],
      );
      if (added.length > 0) {
        await recordEvent(tx, {
          actorId: auth.user.id,
          kind: 'member.added',
          projectId,
          data: { userId },
        });
      }
    });
    return c.json({ members: await listMembers(db, projectId) });
  });

  app.delete('/projects/:projectId/members/:userId', async (c) => {
    const auth = requireRole(c, 'admin');
    const projectId = idParam(c, 'projectId');
    const userId = idParam(c, 'userId');
    await db.transaction(async (tx) => {
      const removed = await tx.query(
        'DELETE FROM project_members WHERE project_id = $1 AND user_id = $2 RETURNING user_id',
        [projectId, userId],
      );
      if (removed.length === 0) throw notFound('项目成员');
      await recordEvent(tx, {
        actorId: auth.user.id,
        kind: 'member.removed',
        projectId,
        data: { userId },
      });
    });
    return c.json({ members: await listMembers(db, projectId) });
  });

  return app;
}
