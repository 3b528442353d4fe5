import { expect, it } from 'vitest';
import type { SessionInfo } from '../../src/domain/team/contract';
import { ApiClient } from '../test-support/client';
import { forEachDatabase, PASSWORD } from '../test-support/env';
import { sampleNotices } from '../test-support/notices';
import { setupTeam } from '../test-support/team';

forEachDatabase('accounts and security', (env) => {
  it('answers /api/health without login, and 401 on every other API route without a session', async () => {
    const anonymous = env().client();
    const health = await anonymous.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true, db: env().kind, version: 'test' });
    for (const [method, path] of [
      ['GET', '/api/session'],
      ['GET', '/api/projects'],
      ['GET', '/api/projects/1/notices'],
      ['GET', '/api/projects/1/sync'],
      ['POST', '/api/projects/1/sync'],
      ['GET', '/api/projects/1/reviews'],
      ['GET', '/api/projects/1/export.csv'],
      ['GET', '/api/projects/1/model/file'],
      ['POST', '/api/users'],
      ['GET', '/api/events'],
      ['GET', '/api/no-such-route'],
    ] as const) {
      const reply = await anonymous.call(method, path, method === 'GET' ? {} : { json: {} });
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect(reply.body).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('keeps a clerk to their own projects and out of admin and reviewer routes', async () => {
    const team = await setupTeam(env());
    const other = await setupTeam(env());
    await other.reviewer.post(`/api/projects/${other.projectId}/notices`, {
      notices: sampleNotices(2, 900).map((text) => ({ text })),
    });
    const clerk = team.clerkA;
    for (const path of [
      `/api/projects/${other.projectId}`,
      `/api/projects/${other.projectId}/sync`,
      `/api/projects/${other.projectId}/notices`,
      `/api/projects/${other.projectId}/notices/1`,
      `/api/projects/${other.projectId}/model/file`,
    ]) {
      expect((await clerk.get(path)).status, path).toBe(403);
    }
    expect((await clerk.post(`/api/projects/${other.projectId}/take`, { count: 5 })).status).toBe(
      403,
    );
    const listed = await clerk.get<{ projects: { id: number }[] }>('/api/projects');
    expect(listed.body.projects.map((p) => p.id)).toEqual([team.projectId]);
    // Admin-only and reviewer-only routes of the clerk's own project.
    for (const [method, path, json] of [
      ['POST', '/api/users', { name: 'x-clerk-made', role: 'admin', password: PASSWORD }],
      ['POST', '/api/projects', { name: '越权项目' }],
      ['PATCH', `/api/projects/${team.projectId}`, { doubleShare: 1 }],
      ['PUT', `/api/projects/${team.projectId}/members/${team.ids.clerkA}`, undefined],
      ['GET', '/api/events', undefined],
      ['GET', '/api/users', undefined],
      ['GET', `/api/projects/${team.projectId}/notices`, undefined],
      ['GET', `/api/projects/${team.projectId}/reviews`, undefined],
      [
        'POST',
        `/api/projects/${team.projectId}/assignments`,
        { userId: team.ids.clerkA, count: 1 },
      ],
      ['POST', `/api/projects/${team.projectId}/model/train`, undefined],
    ] as const) {
      const reply = await clerk.call(method, path, { json });
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    // A reviewer who is not a member sees nothing of the project either.
    expect((await other.reviewer.get(`/api/projects/${team.projectId}/reviews`)).status).toBe(403);
  });

  it('refuses writes without the session’s CSRF token or from another origin, writing nothing', async () => {
    const team = await setupTeam(env());
    const path = `/api/projects/${team.projectId}/notices`;
    const body = { notices: [{ text: sampleNotices(1, 950)[0] }] };
    const without = await team.reviewer.post(path, body, { csrf: false });
    expect(without.status).toBe(403);
    expect(without.body).toMatchObject({ error: { code: 'csrf_failed' } });
    const wrong = await team.reviewer.post(path, body, {
      csrf: false,
      headers: { 'x-csrf-token': team.clerkA.csrfToken ?? '' },
    });
    expect(wrong.status).toBe(403);
    const crossSite = await team.reviewer.post(path, body, {
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const [count] = await env().db.query<{ n: number }>(
      'SELECT count(*) AS n FROM notices WHERE project_id = $1',
      [team.projectId],
    );
    expect(count?.n).toBe(0);
    // The same request from the desk's own origin goes through.
    const sameOrigin = await team.reviewer.post(path, body, {
      headers: { origin: 'http://team.test' },
    });
    expect(sameOrigin.status).toBe(201);
    // Login from another site's page is refused too (login CSRF).
    const client = env().client();
    const login = await client.post(
      '/api/session',
      { name: 'nobody', password: PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(login.status).toBe(403);
  });

  it('sets an HttpOnly SameSite=Strict cookie, Secure only over TLS (a proxy only when trusted)', async () => {
    await env().seedUser('cookie-clerk', 'clerk');
    const plain = env().client();
    const login = await plain.post('/api/session', { name: 'cookie-clerk', password: PASSWORD });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const spoofed = await env()
      .client()
      .post(
        '/api/session',
        { name: 'cookie-clerk', password: PASSWORD },
        { headers: { 'x-forwarded-proto': 'https' } },
      );
    // TRUST_PROXY is off: a client cannot claim TLS.
    expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('limits failed logins per account and address, in the database', async () => {
    await env().seedUser('limited-clerk', 'clerk');
    const attacker = env().client('10.9.9.9');
    for (let i = 0; i < 5; i++) {
      const reply = await attacker.post('/api/session', {
        name: 'limited-clerk',
        password: 'wrong password!',
      });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: { code: 'bad_credentials' } });
    }
    const limited = await attacker.post('/api/session', {
      name: 'limited-clerk',
      password: PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(limited.headers.get('retry-after')).toBe('900');
    // The clerk at their own desk (another address) still gets in.
    const own = env().client('10.1.1.1');
    expect(
      (await own.post('/api/session', { name: 'limited-clerk', password: PASSWORD })).status,
    ).toBe(200);
    const [rows] = await env().db.query<{ n: number }>(
      "SELECT count(*) AS n FROM login_failures WHERE name = 'limited-clerk'",
    );
    expect(rows?.n).toBe(5);
  });

  it('revokes sessions: logout, an admin revoking, a disabled account, and expiry', async () => {
    const team = await setupTeam(env());
    const sessions = await team.admin.get<{ sessions: { id: string; userId: number }[] }>(
      `/api/sessions?userId=${team.ids.clerkA}`,
    );
    const clerkSession = sessions.body.sessions[0];
    if (!clerkSession) throw new Error('no session');
    expect((await team.clerkA.get('/api/session')).status).toBe(200);
    expect((await team.admin.delete(`/api/sessions/${clerkSession.id}`)).status).toBe(204);
    expect((await team.clerkA.get('/api/session')).status).toBe(401);

    // A clerk may not revoke someone else's session.
    const mine = await team.clerkB.get<SessionInfo>('/api/session');
    expect(mine.status).toBe(200);
    const adminSessions = await team.admin.get<{ sessions: { id: string; current: boolean }[] }>(
      '/api/sessions',
    );
    const adminOwn = adminSessions.body.sessions.find((s) => s.current);
    expect((await team.clerkB.delete(`/api/sessions/${adminOwn?.id ?? ''}`)).status).toBe(404);

    expect((await team.clerkB.delete('/api/session')).status).toBe(204);
    expect((await team.clerkB.get('/api/projects')).status).toBe(401);

    const reviewer = team.reviewer;
    expect(
      (await team.admin.patch(`/api/users/${team.ids.reviewer}`, { disabled: true })).status,
    ).toBe(200);
    expect((await reviewer.get('/api/projects')).status).toBe(401);

    const again = await env().as(
      (await team.admin.get<SessionInfo>('/api/session')).body.user.name,
    );
    await env().db.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE name = $1)",
      [(await again.get<SessionInfo>('/api/session')).body.user.name],
    );
    expect((await again.get('/api/projects')).status).toBe(401);
  });

  it('never accepts a default password and keeps names unique, case-insensitively', async () => {
    const team = await setupTeam(env());
    const short = await team.admin.post('/api/users', {
      name: 'short-pw',
      role: 'clerk',
      password: '123456',
    });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('password');
    const first = await team.admin.post('/api/users', {
      name: 'Zhang San',
      role: 'clerk',
      password: PASSWORD,
    });
    expect(first.status).toBe(201);
    const dup = await team.admin.post('/api/users', {
      name: 'zhang san',
      role: 'clerk',
      password: PASSWORD,
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: { code: 'name_taken' } });
    const bad = ApiClient.inProcess(env().app);
    expect((await bad.login('Zhang San', 'not the password')).status).toBe(401);
  });
});
