/**
 * The login rate limit: failed attempts are rows in the database (per account and address, and per
 * address alone), so every server behind a load balancer enforces the same limit.
 */
import type { Queryable } from '../db/database';
import type { ServerConfig } from '../context';
import { ApiFailure } from '../http/errors';

export async function assertLoginAllowed(
  db: Queryable,
  name: string,
  ip: string,
  limit: ServerConfig['loginLimit'],
): Promise<void> {
  const [row] = await db.query<{ account: number; address: number }>(
    `SELECT count(*) FILTER (WHERE lower(name) = lower($1)) AS account, count(*) AS address
     FROM login_failures WHERE ip = $2 AND at > now() - make_interval(mins => $3)`,
    [name, ip, limit.windowMinutes],
  );
  if ((row?.account ?? 0) >= limit.perAccount || (row?.address ?? 0) >= limit.perAddress) {
    throw new ApiFailure(
      429,
      'rate_limited',
      `登录失败次数过多，请 ${limit.windowMinutes} 分钟后再试。`,
      undefined,
      { 'Retry-After': String(limit.windowMinutes * 60) },
    );
  }
}

export async function recordLoginFailure(db: Queryable, name: string, ip: string): Promise<void> {
  await db.query('INSERT INTO login_failures (name, ip) VALUES ($1, $2)', [name, ip]);
  // Rows older than a day count for nothing: they go, a few at a time, with each new failure.
  await db.query(
    `DELETE FROM login_failures WHERE ctid IN (
       SELECT ctid FROM login_failures WHERE at < now() - interval '1 day' LIMIT 100)`,
  );
}

export async function clearLoginFailures(db: Queryable, name: string, ip: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE lower(name) = lower($1) AND ip = $2', [
    name,
    ip,
  ]);
}
