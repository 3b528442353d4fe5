import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnv, type TestEnv } from './test-support/env';

describe('one origin for the desk and the API', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'ntd-dist-'));
  let env: TestEnv | null = null;
  beforeAll(async () => {
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>公文主题标注台</title>');
    writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
    env = await createEnv('pglite', { config: { distDir: dist } });
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the built desk at /, its files, and the page for any other path', async () => {
    if (!env) throw new Error('no env');
    const client = env.client();
    const page = await client.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('公文主题标注台');
    expect((await client.get('/app.js')).text).toBe('console.log(1)');
    expect((await client.get('/queue/42')).text).toContain('公文主题标注台');
  });

  it('never answers an API path with the page', async () => {
    if (!env) throw new Error('no env');
    await env.seedUser('origin-clerk', 'clerk');
    const clerk = await env.as('origin-clerk');
    const unknown = await clerk.get('/api/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    expect(unknown.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
