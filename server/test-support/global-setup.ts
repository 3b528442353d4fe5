/**
 * Vitest global setup for the server tests: one throwaway PostgreSQL cluster for the whole run
 * (each test file makes its own database on it), or TEST_DATABASE_URL when CI provides a server.
 * When neither is possible the PostgreSQL half of the tests is skipped, and this says why.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { startCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of a PostgreSQL server the tests may create databases on; '' when none. */
    postgresUrl: string;
    /** A migrated, empty PGlite data folder as a tarball: loading it beats initdb by seconds. */
    pgliteTemplate: string;
  }
}

/** Makes the PGlite template once for the whole run; returns its file. */
async function pgliteTemplate(dir: string): Promise<string> {
  const db = await openPglite(null);
  await migrate(db);
  const dump = await db.dumpDataDir();
  await db.close();
  const file = path.join(dir, 'pglite-template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ntd-tests-'));
  project.provide('pgliteTemplate', await pgliteTemplate(dir));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return removeDir;
  }
  const cluster = startCluster({ fsync: false });
  if (typeof cluster === 'string') {
    console.warn(
      `\n[server tests] PostgreSQL tests SKIPPED: ${cluster}. PGlite tests still run.\n`,
    );
    project.provide('postgresUrl', '');
    return removeDir;
  }
  project.provide('postgresUrl', cluster.url);
  return () => {
    cluster.stop();
    removeDir();
  };
}
