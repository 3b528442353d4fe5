/** Users and sessions in the database. */
import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionSummary, User } from '../../src/domain/team/contract';
import type { Queryable } from '../db/database';
import type { Auth, ServerConfig } from '../context';

/** The session cookie: HttpOnly, SameSite=Strict, Secure over TLS. */
export const SESSION_COOKIE = 'ntd_session';

interface UserRow {
  id: number;
  name: string;
  display_name: string | null;
  role: Role;
  disabled: boolean;
  created_at: string;
}

export const USER_COLUMNS = 'u.id, u.name, u.display_name, u.role, u.disabled, u.created_at';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.created_at,
  };
}

export async function findUserById(db: Queryable, id: number): Promise<User | null> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [
    id,
  ]);
  return row ? toUser(row) : null;
}

export async function findUserForLogin(
  db: Queryable,
  name: string,
): Promise<(User & { passwordHash: string }) | null> {
  const [row] = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE lower(u.name) = lower($1)`,
    [name],
  );
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.id`);
  return rows.map(toUser);
}

export async function insertUser(
  db: Queryable,
  user: { name: string; displayName: string | null; role: Role; passwordHash: string },
): Promise<User> {
  const [row] = await db.query<UserRow>(
    `INSERT INTO users AS u (name, display_name, role, password_hash) VALUES ($1, $2, $3, $4)
     RETURNING ${USER_COLUMNS}`,
    [user.name, user.displayName, user.role, user.passwordHash],
  );
  if (!row) throw new Error('INSERT INTO users returned no row');
  return toUser(row);
}

/** A session token as stored: its sha-256, never the token itself. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface NewSession {
  /** For the cookie. */
  readonly token: string;
  readonly auth: Auth;
}

export async function createSession(
  db: Queryable,
  user: User,
  client: { ip: string; userAgent: string | null },
  config: ServerConfig,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  // Only the public fields travel on (never a password hash a caller may have passed in).
  const account: User = {
    id: user.id,
    name: user.name,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
  const csrfToken = randomBytes(32).toString('base64url');
  const [row] = await db.query<{ id: string; expires_at: string }>(
    `INSERT INTO sessions (token_hash, csrf_token, user_id, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5, $6)
     RETURNING id, expires_at`,
    [tokenHash(token), csrfToken, user.id, config.sessionIdleMinutes, client.ip, client.userAgent],
  );
  if (!row) throw new Error('INSERT INTO sessions returned no row');
  return {
    token,
    auth: { user: account, sessionId: row.id, csrfToken, expiresAt: row.expires_at },
  };
}

/**
 * The live session behind a cookie token, or null: unknown, revoked, expired (idle or too old), or
 * of a disabled user. A session in use is extended (at most once a minute, to spare writes).
 */
export async function findSession(
  db: Queryable,
  token: string,
  config: ServerConfig,
): Promise<Auth | null> {
  const [row] = await db.query<
    UserRow & { session_id: string; csrf_token: string; expires_at: string; renew: boolean }
  >(
    `SELECT ${USER_COLUMNS}, s.id AS session_id, s.csrf_token, s.expires_at,
            s.last_seen_at < now() - interval '1 minute' AS renew
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
       AND s.created_at > now() - make_interval(hours => $2) AND NOT u.disabled`,
    [tokenHash(token), config.sessionMaxHours],
  );
  if (!row) return null;
  let expiresAt = row.expires_at;
  if (row.renew) {
    const [renewed] = await db.query<{ expires_at: string }>(
      `UPDATE sessions SET last_seen_at = now(),
         expires_at = least(now() + make_interval(mins => $2), created_at + make_interval(hours => $3))
       WHERE id = $1 RETURNING expires_at`,
      [row.session_id, config.sessionIdleMinutes, config.sessionMaxHours],
    );
    expiresAt = renewed?.expires_at ?? expiresAt;
  }
  return {
    user: toUser(row),
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    expiresAt,
  };
}

interface SessionRow {
  id: string;
  user_id: number;
  user_name: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export async function listSessions(
  db: Queryable,
  userId: number | null,
  currentId: string,
): Promise<SessionSummary[]> {
  const rows = await db.query<SessionRow>(
    `SELECT s.id, s.user_id, u.name AS user_name, s.created_at, s.last_seen_at, s.expires_at,
            s.ip, s.user_agent
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.revoked_at IS NULL AND s.expires_at > now() AND ($1::integer IS NULL OR s.user_id = $1)
     ORDER BY s.created_at`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === currentId,
  }));
}

/** Revokes one session; returns its owner, or null when there was no such live session. */
export async function revokeSession(db: Queryable, sessionId: string): Promise<number | null> {
  const [row] = await db.query<{ user_id: number }>(
    `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING user_id`,
    [sessionId],
  );
  return row?.user_id ?? null;
}

export async function revokeUserSessions(db: Queryable, userId: number): Promise<number> {
  const rows = await db.query(
    `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
    [userId],
  );
  return rows.length;
}
