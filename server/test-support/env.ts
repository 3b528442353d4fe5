/**
 * The server under test: the app over a fresh, migrated database (PGlite in memory, or a new
 * database on the test PostgreSQL), with a seeded admin. `forEachDatabase` runs a suite on both.
 */
import { afterAll, beforeAll, describe, inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { hashPassword } from '../accounts/password';
import { insertUser } from '../accounts/store';
import { createApp } from '../app';
import { SHIPPED_MODEL } from '../config';
import { DEFAULT_CONFIG, type AppDeps, type AppEnv, type ServerConfig } from '../context';
import type { Database, DatabaseKind } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import { createModelStore, type ModelStore } from '../model/store';
import { workerTrainer, type Trainer } from '../model/trainer';
import { ApiClient } from './client';
import { databaseUrl } from './postgres';

export const PASSWORD = 'correct horse battery staple';

/** Cheap password hashing (N = 2^4): the tests log in hundreds of times. */
export const TEST_CONFIG: ServerConfig = { ...DEFAULT_CONFIG, version: 'test', passwordCost: 4 };

let models: ModelStore | null = null;
/** The shipped model, parsed once per test worker. */
export function testModels(): ModelStore {
  models ??= createModelStore(SHIPPED_MODEL);
  return models;
}

export interface TestDatabase {
  readonly db: Database;
  /** For the PostgreSQL kind: the URL a child server process can use. */
  readonly url: string | null;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const db = await openPglite(null, { template });
    return { db, url: null, close: () => db.close() };
  }
  const clusterUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(clusterUrl, name);
  const db = await openPostgres(url);
  await migrate(db);
  return {
    db,
    url,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: clusterUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export interface TestEnv {
  readonly kind: DatabaseKind;
  readonly db: Database;
  readonly url: string | null;
  readonly app: Hono<AppEnv>;
  readonly deps: AppDeps;
  /** A client that is not logged in, calling from `ip`. */
  client(ip?: string): ApiClient;
  /** Logged in as `name` (PASSWORD). */
  as(name: string, ip?: string): Promise<ApiClient>;
  /** Creates a user directly in the database. */
  seedUser(name: string, role: 'admin' | 'reviewer' | 'clerk'): Promise<number>;
  close(): Promise<void>;
}

export async function createEnv(
  kind: DatabaseKind,
  options: { config?: Partial<ServerConfig>; trainer?: Trainer } = {},
): Promise<TestEnv> {
  const database = await openTestDatabase(kind);
  const deps: AppDeps = {
    db: database.db,
    config: { ...TEST_CONFIG, ...options.config },
    models: testModels(),
    trainer: options.trainer ?? workerTrainer,
  };
  const app = createApp(deps);
  const env: TestEnv = {
    kind,
    db: database.db,
    url: database.url,
    app,
    deps,
    client: (ip) => ApiClient.inProcess(app, ip),
    async as(name, ip) {
      const client = ApiClient.inProcess(app, ip);
      const reply = await client.login(name, PASSWORD);
      if (reply.status !== 200) throw new Error(`login as ${name}: ${reply.status} ${reply.text}`);
      return client;
    },
    async seedUser(name, role) {
      const user = await insertUser(database.db, {
        name,
        displayName: null,
        role,
        passwordHash: await hashPassword(PASSWORD, TEST_CONFIG.passwordCost),
      });
      return user.id;
    },
    close: () => database.close(),
  };
  return env;
}

/**
 * Declares the suite once per database: PGlite always, PostgreSQL when the test cluster (or
 * TEST_DATABASE_URL) is there; otherwise that half is skipped (global-setup.ts said why).
 */
export function forEachDatabase(
  name: string,
  body: (env: () => TestEnv) => void,
  options: { config?: Partial<ServerConfig>; trainer?: Trainer } = {},
): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const skip = kind === 'postgres' && inject('postgresUrl') === '';
    describe.skipIf(skip)(`${name} [${kind}]`, () => {
      let env: TestEnv | null = null;
      beforeAll(async () => {
        env = await createEnv(kind, options);
      });
      afterAll(async () => {
        await env?.close();
      });
      body(() => {
        if (!env) throw new Error('the test environment is not ready');
        return env;
      });
    });
  }
}
