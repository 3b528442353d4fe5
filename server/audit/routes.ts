/** Reading the audit trail: a project's (staff), or the whole server's (admin). */
import { Hono } from 'hono';
import type { EventPage } from '../../src/domain/team/contract';
import type { AppDeps, AppEnv } from '../context';
import { assertProjectAccess, requireRole } from '../http/guards';
import { pageQuery } from '../http/schemas';
import { idParam, readQuery } from '../http/validate';
import { listEvents } from './events';

export function auditRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  const page = async (
    projectId: number | null,
    after: number,
    limit: number,
  ): Promise<EventPage> => {
    const events = await listEvents(db, projectId, after, limit);
    return { events, next: events.length === limit ? (events.at(-1)?.id ?? null) : null };
  };

  app.get('/projects/:projectId/events', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const query = readQuery(c, pageQuery);
    return c.json(await page(projectId, query.after ?? 0, query.limit ?? 100));
  });

  app.get('/events', async (c) => {
    requireRole(c, 'admin');
    const query = readQuery(c, pageQuery);
    return c.json(await page(null, query.after ?? 0, query.limit ?? 100));
  });

  return app;
}
