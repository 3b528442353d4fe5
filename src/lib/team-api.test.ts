import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpTeamApi } from './team-api';
import { TeamApiError, TeamUnreachable } from './team-errors';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly csrf: string | null;
}

/** A fetch that answers from a list, and records what the client sent. */
function serve(...answers: (Response | Error)[]): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    seen.push({ method: init.method ?? 'GET', url, csrf: headers.get('X-CSRF-Token') });
    const answer = answers.shift();
    if (answer === undefined || answer instanceof Error) throw answer ?? new Error('no answer');
    return answer;
  });
  return seen;
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the team server client', () => {
  it('finds no server where the desk is served alone (the page answers /api/health with HTML)', async () => {
    serve(new Response('<!doctype html><title>desk</title>', { status: 200 }));
    expect(await httpTeamApi().health()).toBe(false);
  });

  it('sends the session’s CSRF token with every write, and none before login', async () => {
    const seen = serve(
      json({ error: { code: 'bad_credentials', message: '用户名或密码不正确。' } }, 401),
      json({ user: { id: 1 }, csrfToken: 'tok', expiresAt: 'x' }),
      json({ results: [] }),
    );
    const api = httpTeamApi();
    await expect(api.login('li', 'wrong')).rejects.toMatchObject({
      status: 401,
      code: 'bad_credentials',
      message: '用户名或密码不正确。',
    });
    await api.login('li', 'right');
    await api.push(7, []);
    expect(seen.map((s) => [s.method, s.url, s.csrf])).toEqual([
      ['POST', '/api/session', null],
      ['POST', '/api/session', null],
      ['POST', '/api/projects/7/sync', 'tok'],
    ]);
  });

  it('tells no answer (offline, or a proxy’s error page) from an answer that refuses', async () => {
    serve(
      new TypeError('Failed to fetch'),
      new Response('<html>502 Bad Gateway</html>', { status: 502 }),
      json({ error: { code: 'forbidden', message: '无权访问这个项目。' } }, 403),
    );
    const api = httpTeamApi();
    await expect(api.pull(7, null)).rejects.toBeInstanceOf(TeamUnreachable);
    await expect(api.pull(7, null)).rejects.toBeInstanceOf(TeamUnreachable);
    await expect(api.pull(7, null)).rejects.toBeInstanceOf(TeamApiError);
  });

  it('passes the pull cursor through untouched', async () => {
    const seen = serve(json({ notices: [], cursor: 'a b/c', more: false }));
    await httpTeamApi().pull(7, 'x+y=');
    expect(seen[0]?.url).toBe('/api/projects/7/sync?limit=500&cursor=x%2By%3D');
  });
});
