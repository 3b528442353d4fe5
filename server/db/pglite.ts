/** The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a data folder. */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { TYPE_PARSERS, type Database, type Queryable } from './database';

function parsers(): Record<number, (value: string) => unknown> {
  return Object.fromEntries(TYPE_PARSERS);
}

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await target.query<R>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * Opens (creating if needed) the database in `dataDir`, or an in-memory one when it is null;
 * `template` (a dump of another PGlite, tests only) is loaded instead of running initdb.
 * PGlite runs inside this process: only one process may open a data folder at a time (the server
 * holds a lock file for that, see server/db/lock.ts).
 */
export async function openPglite(
  dataDir: string | null,
  options: { template?: Blob } = {},
): Promise<Database & { dumpDataDir(): Promise<Blob> }> {
  const db = await PGlite.create(dataDir ?? undefined, {
    parsers: parsers(),
    ...(options.template ? { loadDataDir: options.template } : {}),
  });
  return { ...fromPglite(db), dumpDataDir: () => db.dumpDataDir('none') };
}

function fromPglite(db: PGlite): Database {
  const base = queryable(db);
  return {
    kind: 'pglite',
    ...base,
    // One connection: PGlite runs transactions one at a time, so isolation options change nothing.
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: () => db.close(),
  };
}
