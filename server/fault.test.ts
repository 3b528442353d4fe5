/**
 * The fault the sync is built for: the server process is killed (SIGKILL, no shutdown) while a
 * clerk pushes 500 decisions; after a restart the clerk resends whatever was not acknowledged, and
 * the database holds exactly 500 decisions, none twice. On PGlite and on PostgreSQL, with the real
 * server and admin CLI as child processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { PullResponse, PushDecision, PushResponse } from '../src/domain/team/contract';
import { ApiClient } from './test-support/client';
import { openTestDatabase, PASSWORD } from './test-support/env';
import { sampleNotices } from './test-support/notices';
import { freePort, runAdmin, startServer, stopped } from './test-support/process';
import { openPglite } from './db/pglite';

const DECISIONS = 500;
const BATCH = 50;

async function expectOk<T>(reply: Promise<{ status: number; body: T; text: string }>): Promise<T> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

describe.each(['pglite', 'postgres'] as const)('killing the server mid-push [%s]', (kind) => {
  const skip = kind === 'postgres' && inject('postgresUrl') === '';
  it.skipIf(skip)(
    'loses no acknowledged decision and stores none twice after a restart',
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'ntd-fault-'));
      const database = kind === 'postgres' ? await openTestDatabase('postgres') : null;
      const env: Record<string, string> = database?.url
        ? { DATABASE_URL: database.url }
        : { DATA_DIR: dataDir };
      let server: Awaited<ReturnType<typeof startServer>> | null = null;
      try {
        const created = await runAdmin(['create-admin', 'boss'], `${PASSWORD}\n`, env);
        expect(created.output).toContain('已创建管理员“boss”');
        expect(created.code).toBe(0);

        const port = await freePort();
        server = await startServer(env, port);
        expect(server.output()).toContain(kind === 'pglite' ? '内置 PGlite' : 'PostgreSQL');
        if (kind === 'pglite') {
          // The embedded database is the server's alone while it runs.
          const locked = await runAdmin(['create-admin', 'second'], `${PASSWORD}\n`, env);
          expect(locked.code).toBe(1);
          expect(locked.output).toMatch(/正由进程 \d+ 使用/);
        }
        const admin = ApiClient.http(server.base);
        await expectOk(admin.login('boss', PASSWORD));
        const clerkId = (
          await expectOk(
            admin.post<{ user: { id: number } }>('/api/users', {
              name: 'clerk',
              role: 'clerk',
              password: PASSWORD,
            }),
          )
        ).user.id;
        const projectId = (
          await expectOk(
            admin.post<{ project: { id: number } }>('/api/projects', {
              name: '断电测试',
              doubleShare: 0,
              reviewOriginal: false,
              reviewSuggestionAbove: null,
            }),
          )
        ).project.id;
        await expectOk(admin.put(`/api/projects/${projectId}/members/${clerkId}`));
        const texts = sampleNotices(DECISIONS);
        for (let i = 0; i < DECISIONS; i += 100) {
          await expectOk(
            admin.post(`/api/projects/${projectId}/notices`, {
              notices: texts.slice(i, i + 100).map((text) => ({ text })),
            }),
          );
        }

        const clerk = ApiClient.http(server.base);
        await expectOk(clerk.login('clerk', PASSWORD));
        await expectOk(clerk.post(`/api/projects/${projectId}/take`, { count: DECISIONS }));
        const pulled = await expectOk(
          clerk.get<PullResponse>(`/api/projects/${projectId}/sync?limit=${DECISIONS}`),
        );
        expect(pulled.notices).toHaveLength(DECISIONS);
        const outbox: PushDecision[] = pulled.notices.map((n, i) => ({
          clientId: `fault-${String(i).padStart(6, '0')}`,
          noticeId: n.id,
          path: { label1: '民政、扶贫、救灾', label2: '社会福利' },
          decidedAt: new Date().toISOString(),
          baseRev: n.rev,
        }));

        const acknowledged = new Set<string>();
        const sendBatch = async (batch: PushDecision[]): Promise<PushResponse> => {
          const body = await expectOk(
            clerk.post<PushResponse>(`/api/projects/${projectId}/sync`, { decisions: batch }),
          );
          for (const r of body.results) {
            if (r.status === 'accepted' || r.status === 'duplicate') acknowledged.add(r.clientId);
          }
          return body;
        };
        for (let i = 0; i < 4 * BATCH; i += BATCH) await sendBatch(outbox.slice(i, i + BATCH));
        // The fifth batch is on its way when the process dies.
        const inFlight = sendBatch(outbox.slice(4 * BATCH, 5 * BATCH)).then(
          () => 'answered',
          () => 'lost',
        );
        await new Promise((resolve) => setTimeout(resolve, 15));
        server.child.kill('SIGKILL');
        await stopped(server.child);
        const fate = await inFlight;
        expect(acknowledged.size).toBe(fate === 'answered' ? 5 * BATCH : 4 * BATCH);

        server = await startServer(env, port);
        // The session lives in the database: the clerk carries on without logging in again.
        const pending = outbox.filter((d) => !acknowledged.has(d.clientId));
        const statuses = new Map<string, number>();
        for (let i = 0; i < pending.length; i += BATCH) {
          const body = await sendBatch(pending.slice(i, i + BATCH));
          for (const r of body.results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
        expect(acknowledged.size).toBe(DECISIONS);
        expect(statuses.get('rejected') ?? 0).toBe(0);
        const project = await expectOk(
          admin.get<{ project: { counts: { done: number } } }>(`/api/projects/${projectId}`),
        );
        expect(project.project.counts.done).toBe(DECISIONS);

        server.child.kill('SIGTERM');
        await stopped(server.child);
        const db = database?.db ?? (await openPglite(dataDir));
        const [row] = await db.query<{ n: number; distinct: number; notices: number }>(
          `SELECT count(*) AS n, count(DISTINCT client_id) AS distinct,
                  count(DISTINCT notice_id) AS notices FROM decisions`,
        );
        expect(row).toEqual({ n: DECISIONS, distinct: DECISIONS, notices: DECISIONS });
        if (!database) await db.close();
      } finally {
        // A failed assertion must not leave the child running.
        if (server && server.child.exitCode === null) {
          server.child.kill('SIGKILL');
          await stopped(server.child);
        }
        await database?.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
