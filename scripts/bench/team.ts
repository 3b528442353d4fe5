/**
 * The team server under an office's load, against a real PostgreSQL (a throwaway cluster with the
 * default, durable settings): 20 simulated clerks each push 1,000 decisions at once (the first 100
 * one per request, the rest in batches of 50, as the desk syncs after working offline), and one
 * clerk pulls a 10,000-notice project from scratch. The server runs as its own process, as in an
 * office; notices are seeded straight into the database (intake speed is not what is measured).
 * Run alone with `npx tsx scripts/bench/team.ts`, or through `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { parseModel } from '../../src/domain/classifier';
import { analyseNotice } from '../../src/domain/desk/analyse';
import { parseNotice } from '../../src/domain/notice';
import type { PullResponse, PushDecision, PushResponse } from '../../src/domain/team/contract';
import { hashPassword } from '../../server/accounts/password';
import { insertUser } from '../../server/accounts/store';
import { jsonb, type Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { openPostgres } from '../../server/db/postgres';
import { ApiClient } from '../../server/test-support/client';
import { freePort, startServer, stopped } from '../../server/test-support/process';
import { databaseUrl, startCluster } from '../../server/test-support/postgres';

const CLERKS = 20;
const PER_CLERK = 1_000;
const SINGLES = 100;
const BATCH = 50;
const PULL_NOTICES = 10_000;
const PULL_PAGE = 500;
const PASSWORD = 'bench password 2026';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOTICE = readFileSync(path.join(root, 'e2e/fixtures/shanghai-minzheng-notice.txt'), 'utf8');

interface Figure {
  readonly name: string;
  readonly value: number | string;
  readonly unit: string;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** `count` notices of the sample's text (made distinct) in a new project; returns its id. */
async function seedProject(db: Database, name: string, count: number): Promise<number> {
  const model = parseModel(
    JSON.parse(readFileSync(path.join(root, 'public/model/model.json'), 'utf8')),
  );
  const analysis = analyseNotice(parseNotice(NOTICE), model);
  const [project] = await db.query<{ id: number }>(
    `INSERT INTO projects (name, double_share, review_suggestion_above, review_original)
     VALUES ($1, 0, NULL, false) RETURNING id`,
    [name],
  );
  if (!project) throw new Error('no project');
  await db.query(
    `INSERT INTO notices (project_id, content_id, source_kind, source_name, text, meta,
                          original_topic, suggestions, required)
     SELECT $1::integer, 'n-' || $1::integer || '-' || g, 'file', 'bench-' || g || '.txt', $2 || E'\\n第' || g || '号',
            $3::jsonb, $4::jsonb, $5::jsonb, 1
     FROM generate_series(1, $6::integer) AS g`,
    [
      project.id,
      NOTICE,
      jsonb(analysis.meta),
      jsonb(analysis.originalTopic),
      jsonb(analysis.suggestions),
      count,
    ],
  );
  return project.id;
}

async function addClerk(
  db: Database,
  name: string,
  projectId: number,
  hash: string,
): Promise<number> {
  const user = await insertUser(db, { name, displayName: null, role: 'clerk', passwordHash: hash });
  await db.query('INSERT INTO project_members (project_id, user_id) VALUES ($1, $2)', [
    projectId,
    user.id,
  ]);
  return user.id;
}

async function pullEverything(
  clerk: ApiClient,
  projectId: number,
): Promise<PullResponse['notices']> {
  const notices: PullResponse['notices'][number][] = [];
  let cursor = '';
  for (;;) {
    const reply = await clerk.get<PullResponse>(
      `/api/projects/${projectId}/sync?limit=${PULL_PAGE}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${reply.text}`);
    notices.push(...reply.body.notices);
    cursor = reply.body.cursor;
    if (!reply.body.more) return notices;
  }
}

export async function benchTeamServer(): Promise<Figure[]> {
  const cluster = startCluster();
  if (typeof cluster === 'string') {
    return [{ name: 'team server on PostgreSQL', value: `skipped: ${cluster}`, unit: '' }];
  }
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let db: Database | null = null;
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const url = databaseUrl(cluster.url, 'bench');
    db = await openPostgres(url);
    await migrate(db);
    const hash = await hashPassword(PASSWORD, 15);
    const pushProject = await seedProject(db, '推送', CLERKS * PER_CLERK);
    const pullProject = await seedProject(db, '拉取', PULL_NOTICES);
    const clerkIds: number[] = [];
    for (let i = 0; i < CLERKS; i++)
      clerkIds.push(await addClerk(db, `clerk${i}`, pushProject, hash));
    const puller = await addClerk(db, 'puller', pullProject, hash);
    // Each clerk has their own 1,000 notices; the puller the whole second project.
    await db.query(
      `INSERT INTO assignments (notice_id, user_id, project_id)
       SELECT n.id, ($2::integer[])[((row_number() OVER (ORDER BY n.id) - 1) / $3) + 1], n.project_id
       FROM notices n WHERE n.project_id = $1`,
      [pushProject, clerkIds, PER_CLERK],
    );
    await db.query(
      `INSERT INTO assignments (notice_id, user_id, project_id)
       SELECT id, $2, project_id FROM notices WHERE project_id = $1`,
      [pullProject, puller],
    );
    await db.query('UPDATE notices SET assignees = 1');
    await db.query('VACUUM ANALYZE');

    server = await startServer({ DATABASE_URL: url }, await freePort());
    const base = server.base;
    const clerks = await Promise.all(
      clerkIds.map(async (_, i) => {
        const client = ApiClient.http(base);
        const login = await client.login(`clerk${i}`, PASSWORD);
        if (login.status !== 200) throw new Error(`login: ${login.text}`);
        return client;
      }),
    );
    const outboxes = await Promise.all(
      clerks.map(async (clerk, c) =>
        (await pullEverything(clerk, pushProject)).map((n, k): PushDecision => ({
          clientId: `bench-${c}-${k}`,
          noticeId: n.id,
          path: n.suggestions?.[0]?.path ?? { label1: '其他', label2: null },
          decidedAt: new Date().toISOString(),
          baseRev: n.rev,
        })),
      ),
    );

    const singles: number[] = [];
    const batches: number[] = [];
    const push = async (clerk: ApiClient, decisions: PushDecision[], into: number[]) => {
      const start = performance.now();
      const reply = await clerk.post<PushResponse>(`/api/projects/${pushProject}/sync`, {
        decisions,
      });
      into.push(performance.now() - start);
      if (reply.status !== 200 || reply.body.results.some((r) => r.status !== 'accepted')) {
        throw new Error(`push: ${reply.status} ${reply.text.slice(0, 200)}`);
      }
    };
    const started = performance.now();
    await Promise.all(
      clerks.map(async (clerk, c) => {
        const outbox = outboxes[c] ?? [];
        for (let k = 0; k < SINGLES; k++) await push(clerk, outbox.slice(k, k + 1), singles);
        for (let k = SINGLES; k < outbox.length; k += BATCH) {
          await push(clerk, outbox.slice(k, k + BATCH), batches);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const [stored] = await db.query<{ n: number }>('SELECT count(*) AS n FROM decisions');
    if (stored?.n !== CLERKS * PER_CLERK)
      throw new Error(`expected ${CLERKS * PER_CLERK} decisions, found ${stored?.n}`);

    const pullClient = ApiClient.http(base);
    await pullClient.login('puller', PASSWORD);
    const pullStart = performance.now();
    const pulled = await pullEverything(pullClient, pullProject);
    const pullMs = performance.now() - pullStart;
    if (pulled.length !== PULL_NOTICES) throw new Error(`pulled ${pulled.length}`);
    const pulledMb = new TextEncoder().encode(JSON.stringify(pulled)).length / 1e6;

    singles.sort((a, b) => a - b);
    batches.sort((a, b) => a - b);
    return [
      {
        name: `team: ${CLERKS} clerks × ${PER_CLERK} decisions pushed, concurrently (PostgreSQL)`,
        value: seconds,
        unit: 's',
      },
      { name: 'team: push throughput', value: (CLERKS * PER_CLERK) / seconds, unit: 'decisions/s' },
      {
        name: 'team: write of 1 decision, p50 / p95',
        value: `${percentile(singles, 0.5).toFixed(1)} / ${percentile(singles, 0.95).toFixed(1)}`,
        unit: 'ms',
      },
      {
        name: `team: write of ${BATCH} decisions, p50 / p95`,
        value: `${percentile(batches, 0.5).toFixed(1)} / ${percentile(batches, 0.95).toFixed(1)}`,
        unit: 'ms',
      },
      {
        name: `team: pull ${PULL_NOTICES} notices from scratch (pages of ${PULL_PAGE})`,
        value: pullMs / 1000,
        unit: 's',
      },
      { name: 'team: pulled JSON (sample notice text each)', value: pulledMb, unit: 'MB' },
    ];
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await stopped(server.child);
    }
    await db?.close();
    cluster.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await benchTeamServer()) {
    console.log(
      `${f.name}: ${typeof f.value === 'number' ? f.value.toFixed(2) : f.value} ${f.unit}`,
    );
  }
}
