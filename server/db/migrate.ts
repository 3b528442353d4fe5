/**
 * Versioned SQL migrations, run at start: `migrations/NNNN_name.sql`, applied in order, each in its
 * own transaction together with its row in schema_migrations, under an advisory lock so that
 * several servers starting at once apply each migration exactly once. A database written by a newer
 * server (a version this one does not know) is refused rather than used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** Any constant shared by every server of this project: the key of the migration lock. */
const MIGRATION_LOCK = 7_317_131;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? '',
      sql: readFileSync(path.join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`迁移文件编号不连续：缺少第 ${i + 1} 号（${dir}）`);
  });
  return migrations;
}

/** Applies what is missing; returns the versions applied now (none when up to date). */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = readMigrations(),
): Promise<number[]> {
  const applied: number[] = [];
  const latest = migrations.at(-1)?.version ?? 0;
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const [row] = await tx.query<{ max: number | null }>(
        'SELECT max(version) AS max FROM schema_migrations',
      );
      const current = row?.max ?? 0;
      if (current > latest) {
        throw new Error(
          `数据库结构版本为 ${current}，高于本服务器支持的 ${latest}：请使用新版本的服务器，不要用旧版本打开。`,
        );
      }
      if (migration.version <= current) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
