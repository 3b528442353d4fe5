/**
 * Login, the current session, sessions (list, revoke) and users (admin). The first admin is made
 * by the CLI (`npm run admin -- create-admin NAME`): no route creates a user without an admin.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { SessionInfo } from '../../src/domain/team/contract';
import { recordEvent } from '../audit/events';
import type { AppDeps, AppEnv, Auth } from '../context';
import { sqlState, UNIQUE_VIOLATION } from '../db/database';
import { clientAddress, isHttps } from '../http/client';
import { ApiFailure, forbidden, notFound } from '../http/errors';
import { requireRole } from '../http/guards';
import { createUserRequest, loginRequest, sessionsQuery, updateUserRequest } from '../http/schemas';
import { idParam, readJson, readQuery } from '../http/validate';
import { decoyHash, hashPassword, verifyPassword } from './password';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './rate-limit';
import {
  createSession,
  findUserById,
  findUserForLogin,
  insertUser,
  listSessions,
  listUsers,
  revokeSession,
  revokeUserSessions,
  SESSION_COOKIE,
} from './store';

function sessionInfo(auth: Auth): SessionInfo {
  return { user: auth.user, csrfToken: auth.csrfToken, expiresAt: auth.expiresAt };
}

const nameTaken = (name: string): ApiFailure =>
  new ApiFailure(409, 'name_taken', `用户名“${name}”已被使用。`);

/** POST /api/session: the only write without a session (guarded by its Origin check and limit). */
export function loginRoute(deps: AppDeps) {
  const { db, config } = deps;
  return async (c: Context<AppEnv>) => {
    const body = await readJson(c, loginRequest);
    const ip = clientAddress(c, config.trustProxy);
    await assertLoginAllowed(db, body.name, ip, config.loginLimit);
    const user = await findUserForLogin(db, body.name);
    const valid = user
      ? await verifyPassword(body.password, user.passwordHash)
      : await verifyPassword(body.password, await decoyHash(config.passwordCost)).then(() => false);
    if (!user || !valid || user.disabled) {
      await recordLoginFailure(db, body.name, ip);
      throw new ApiFailure(401, 'bad_credentials', '用户名或密码错误，或账号已停用。');
    }
    await clearLoginFailures(db, body.name, ip);
    const session = await createSession(
      db,
      user,
      { ip, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null },
      config,
    );
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c, config.trustProxy),
      path: '/',
      maxAge: config.sessionMaxHours * 3600,
    });
    return c.json(sessionInfo(session.auth));
  };
}

/** Routes behind the session check. */
export function accountRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, config } = deps;
  const app = new Hono<AppEnv>();

  app.get('/session', (c) => c.json(sessionInfo(c.var.auth)));

  app.delete('/session', async (c) => {
    const auth = c.var.auth;
    await db.transaction(async (tx) => {
      await revokeSession(tx, auth.sessionId);
      await recordEvent(tx, {
        actorId: auth.user.id,
        kind: 'session.revoked',
        data: { sessionId: auth.sessionId, userId: auth.user.id, logout: true },
      });
    });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  // Anyone lists their own sessions; an admin anyone's (?userId=, or all).
  app.get('/sessions', async (c) => {
    const auth = c.var.auth;
    const { userId } = readQuery(c, sessionsQuery);
    if (auth.user.role !== 'admin' && userId !== undefined && userId !== auth.user.id) {
      throw forbidden();
    }
    const scope = auth.user.role === 'admin' ? (userId ?? null) : auth.user.id;
    return c.json({ sessions: await listSessions(db, scope, auth.sessionId) });
  });

  app.delete('/sessions/:sessionId', async (c) => {
    const auth = c.var.auth;
    const sessionId = c.req.param('sessionId');
    if (!/^[0-9a-f-]{36}$/.test(sessionId)) throw notFound('会话');
    await db.transaction(async (tx) => {
      const [owner] = await tx.query<{ user_id: number }>(
        'SELECT user_id FROM sessions WHERE id = $1 AND revoked_at IS NULL',
        [sessionId],
      );
      if (!owner) throw notFound('会话');
      if (owner.user_id !== auth.user.id && auth.user.role !== 'admin') throw notFound('会话');
      await revokeSession(tx, sessionId);
      await recordEvent(tx, {
        actorId: auth.user.id,
        kind: 'session.revoked',
        data: { sessionId, userId: owner.user_id },
      });
    });
    return c.body(null, 204);
  });

  app.get('/users', async (c) => {
    requireRole(c, 'admin', 'reviewer');
    return c.json({ users: await listUsers(db) });
  });

  app.post('/users', async (c) => {
    const auth = requireRole(c, 'admin');
    const body = await readJson(c, createUserRequest);
    const passwordHash = await hashPassword(body.password, config.passwordCost);
    try {
      const user = await db.transaction(async (tx) => {
        const created = await insertUser(tx, {
          name: body.name,
          displayName: body.displayName ?? null,
          role: body.role,
          passwordHash,
        });
        await recordEvent(tx, {
          actorId: auth.user.id,
          kind: 'user.created',
          data: { userId: created.id, name: created.name, role: created.role },
        });
        return created;
      });
      return c.json({ user }, 201);
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw nameTaken(body.name);
      throw error;
    }
  });

  app.patch('/users/:userId', async (c) => {
    const auth = requireRole(c, 'admin');
    const userId = idParam(c, 'userId');
    const body = await readJson(c, updateUserRequest);
    if (
      userId === auth.user.id &&
      (body.disabled === true || (body.role && body.role !== 'admin'))
    ) {
      throw new ApiFailure(400, 'invalid_body', '不能停用自己或取消自己的管理员身份。');
    }
    const passwordHash =
      body.password === undefined ? null : await hashPassword(body.password, config.passwordCost);
    const user = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `UPDATE users SET
           display_name = CASE WHEN $2 THEN $3 ELSE display_name END,
           role = coalesce($4, role),
           password_hash = coalesce($5, password_hash),
           disabled = coalesce($6, disabled)
         WHERE id = $1 RETURNING id`,
        [
          userId,
          body.displayName !== undefined,
          body.displayName ?? null,
          body.role ?? null,
          passwordHash,
          body.disabled ?? null,
        ],
      );
      if (!row) throw notFound('用户');
      // A new password or a disabled account ends every session it had.
      const revoked =
        passwordHash !== null || body.disabled === true ? await revokeUserSessions(tx, userId) : 0;
      await recordEvent(tx, {
        actorId: auth.user.id,
        kind: 'user.updated',
        data: {
          userId,
          displayName: body.displayName,
          role: body.role,
          disabled: body.disabled,
          passwordChanged: passwordHash !== null,
          sessionsRevoked: revoked,
        },
      });
      return findUserById(tx, userId);
    });
    return c.json({ user });
  });

  return app;
}
