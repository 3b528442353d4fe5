/** The clerk's sync: pull assigned notices since a cursor, push decisions in batches. */
import { Hono } from 'hono';
import type { PushResponse } from '../../src/domain/team/contract';
import type { AppDeps, AppEnv } from '../context';
import { assertProjectAccess, requireRole } from '../http/guards';
import { pullQuery, pushRequest } from '../http/schemas';
import { checkLabels, idParam, readJson, readQuery } from '../http/validate';
import { decodeCursor } from './cursor';
import { pull } from './pull';
import { push } from './push';

export function syncRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/projects/:projectId/sync', async (c) => {
    const auth = requireRole(c, 'clerk');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const query = readQuery(c, pullQuery);
    const cursor = decodeCursor(query.cursor);
    return c.json(await pull(db, auth.user.id, projectId, cursor, query.limit ?? 500));
  });

  app.post('/projects/:projectId/sync', async (c) => {
    const auth = requireRole(c, 'clerk');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const body = await readJson(c, pushRequest);
    checkLabels(body.decisions.map((d) => d.path));
    const results = await push(db, auth.user.id, projectId, body.decisions);
    return c.json({ results } satisfies PushResponse);
  });

  return app;
}
