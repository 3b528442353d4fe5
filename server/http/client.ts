/** Facts about the connection: the client's address and whether it came over TLS. */
import type { Context } from 'hono';
import type { AppEnv } from '../context';

/**
 * The client's address: the socket's peer, or behind a trusted proxy the address the proxy appended
 * last to X-Forwarded-For (earlier entries are whatever the client claimed).
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  // Absent when the app is called in-process (tests): one shared address.
  return c.env?.incoming?.socket?.remoteAddress ?? 'local';
}

export function isHttps(c: Context<AppEnv>, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') {
    return true;
  }
  return new URL(c.req.url).protocol === 'https:';
}
