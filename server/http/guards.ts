/** The checks every route passes: a live session, a CSRF-safe write, the right role and project. */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role } from '../../src/domain/team/contract';
import { findSession, SESSION_COOKIE } from '../accounts/store';
import type { AppDeps, AppEnv, Auth } from '../context';
import type { Queryable } from '../db/database';
import { ApiFailure, forbidden, unauthenticated } from './errors';

export function requireSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const auth = token ? await findSession(deps.db, token, deps.config) : null;
    if (!auth) throw unauthenticated();
    c.set('auth', auth);
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const csrfFailed = (why: string): ApiFailure =>
  new ApiFailure(403, 'csrf_failed', `请求被拒绝（${why}）：请刷新页面后重试。`);

/**
 * A request from another site never writes: its Origin (sent by browsers on every cross-site and
 * every non-GET request) must be this server, and Sec-Fetch-Site must not say cross-site.
 */
export function assertSameOrigin(c: Context<AppEnv>): void {
  if (c.req.header('sec-fetch-site') === 'cross-site') throw csrfFailed('来自其他网站');
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw csrfFailed('来源无效');
  }
  // The host the client addressed; a TLS proxy in front keeps Host but changes the scheme.
  if (host !== new URL(c.req.url).host) throw csrfFailed('来自其他网站');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every write carries X-CSRF-Token, the token of its own session (which a page of another site
 * cannot read), and passes the Origin check.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    assertSameOrigin(c);
    const token = c.req.header('x-csrf-token');
    if (token === undefined || !sameToken(token, c.var.auth.csrfToken)) {
      throw csrfFailed('缺少或错误的 X-CSRF-Token');
    }
  }
  await next();
};

export function requireRole(c: Context<AppEnv>, ...roles: Role[]): Auth {
  const auth = c.var.auth;
  if (!roles.includes(auth.user.role)) throw forbidden();
  return auth;
}

/**
 * The caller may work in this project: an admin always, anyone else as a member. Non-members get
 * 403 whether or not the project exists, so ids reveal nothing.
 */
export async function assertProjectAccess(
  db: Queryable,
  auth: Auth,
  projectId: number,
): Promise<void> {
  if (auth.user.role === 'admin') {
    const [project] = await db.query('SELECT 1 FROM projects WHERE id = $1', [projectId]);
    if (!project) throw new ApiFailure(404, 'not_found', '项目不存在。');
    return;
  }
  const [member] = await db.query(
    'SELECT 1 FROM project_members WHERE project_id = $1 AND user_id = $2',
    [projectId, auth.user.id],
  );
  if (!member) throw forbidden('你不是此项目的成员。');
}
