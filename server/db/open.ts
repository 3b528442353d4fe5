/** Opens the configured database, migrated to the current schema. */
import { mkdirSync } from 'node:fs';
import type { Database } from './database';
import { lockDataDir } from './lock';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type DatabaseConfig = { readonly url: string } | { readonly dataDir: string };

export interface OpenDatabase {
  readonly db: Database;
  /** Where the data is, for the start-up line (never the password of a URL). */
  readonly where: string;
  readonly close: () => Promise<void>;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'PostgreSQL';
  }
}

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if ('url' in config) {
    const db = await openPostgres(config.url);
    await migrate(db);
    return { db, where: redact(config.url), close: () => db.close() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const release = lockDataDir(config.dataDir);
  try {
    const db = await openPglite(config.dataDir);
    await migrate(db);
    return {
      db,
      where: config.dataDir,
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
