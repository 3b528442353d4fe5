import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test-support/env';
import { sqlState } from './database';
import { migrate, readMigrations } from './migrate';
import { openPostgres } from './postgres';

describe.each(['pglite', 'postgres'] as const)('the database [%s]', (kind) => {
  const skip = kind === 'postgres' && inject('postgresUrl') === '';
  let test: TestDatabase | null = null;
  const db = () => {
    if (!test) throw new Error('no database');
    return test.db;
  };
  beforeAll(async () => {
    if (!skip) test = await openTestDatabase(kind); // already migrated
  });
  afterAll(async () => {
    await test?.close();
  });

  it.skipIf(skip)('migrates once, however often and however many servers start', async () => {
    expect(await migrate(db())).toEqual([]);
    if (test?.url) {
      // Two more servers starting at the same moment on the same database.
      const others = await Promise.all([openPostgres(test.url), openPostgres(test.url)]);
      expect(await Promise.all(others.map((other) => migrate(other)))).toEqual([[], []]);
      await Promise.all(others.map((other) => other.close()));
    }
    const rows = await db().query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
  });

  it.skipIf(skip)('refuses a database written by a newer server', async () => {
    await db().query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    try {
      await expect(migrate(db())).rejects.toThrow(/高于本服务器支持的/);
    } finally {
      await db().query('DELETE FROM schema_migrations WHERE version = 999');
    }
  });

  it.skipIf(skip)('keeps decisions, reviews and the audit trail append-only', async () => {
    await db().query("INSERT INTO events (kind, data) VALUES ('project.created', '{}')");
    for (const sql of [
      "UPDATE events SET kind = 'review'",
      'DELETE FROM events',
      'TRUNCATE events',
      'TRUNCATE decisions',
      'TRUNCATE reviews',
    ]) {
      const error = await db()
        .query(sql)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(sqlState(error), sql).toBe('P0001');
    }
    const [row] = await db().query<{ n: number }>('SELECT count(*) AS n FROM events');
    expect(row?.n).toBe(1);
  });
});
