/**
 * The team server's HTTP app: the JSON API under /api and the built desk at /, on one origin.
 * It holds no state of its own: everything lives in the database, so any number of these can run
 * behind a load balancer over one PostgreSQL.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Health } from '../src/domain/team/contract';
import { accountRoutes, loginRoute } from './accounts/routes';
import { auditRoutes } from './audit/routes';
import type { AppDeps, AppEnv } from './context';
import { exportRoutes } from './export/routes';
import { errorBody, handleError } from './http/errors';
import { assertSameOrigin, csrfGuard, requireSession } from './http/guards';
import { modelRoutes } from './model/routes';
import { noticeRoutes } from './notices/routes';
import { projectRoutes } from './projects/routes';
import { queueRoutes } from './queue/routes';
import { reviewRoutes } from './review/routes';
import { syncRoutes } from './sync/routes';

const tooLarge = (limit: number) =>
  bodyLimit({
    maxSize: limit,
    onError: (c) =>
      c.json(
        errorBody(
          'body_too_large',
          `请求内容过大（上限 ${(limit / (1024 * 1024)).toFixed(0)} MB）。`,
        ),
        413,
      ),
  });

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config } = deps;
  const app = new Hono<AppEnv>();
  app.onError(handleError);

  const api = new Hono<AppEnv>();
  api.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  api.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // Uploads of notice files may be large; every other body is a small JSON document.
  const uploadLimit = tooLarge(config.uploadLimit);
  const jsonLimit = tooLarge(config.jsonLimit);
  api.use('*', (c, next) =>
    /\/files$/.test(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next),
  );

  api.get('/health', (c) =>
    c.json({ ok: true, db: deps.db.kind, version: config.version } satisfies Health),
  );
  const login = loginRoute(deps);
  api.post('/session', async (c) => {
    assertSameOrigin(c);
    return login(c);
  });

  // Everything below needs a live session, and every write a CSRF token.
  api.use('*', requireSession(deps));
  api.use('*', csrfGuard);
  for (const routes of [
    accountRoutes,
    projectRoutes,
    noticeRoutes,
    queueRoutes,
    syncRoutes,
    reviewRoutes,
    exportRoutes,
    auditRoutes,
    modelRoutes,
  ]) {
    api.route('/', routes(deps));
  }
  // Before the app's catch-all below, which would answer an unknown API path with the page.
  api.all('*', (c) => c.json(errorBody('not_found', '没有这个接口。'), 404));
  app.route('/api', api);

  if (config.distDir !== null) {
    const root = config.distDir;
    app.use('*', serveStatic({ root }));
    // The desk is one page: any other path that is not a file gets it too.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  return app;
}
