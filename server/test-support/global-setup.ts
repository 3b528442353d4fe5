/**
 * Vitest global setup for the server tests: one throwaway PostgreSQL cluster for the whole run
 * (each test file makes its own database on it), or TEST_DATABASE_URL when CI provides a server.
 * When neither is possible the PostgreSQL half of the tests is skipped, and this says why.
 */
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of a PostgreSQL server the tests may create databases on; '' when none. */
    postgresUrl: string;
  }
}

export default function setup(project: TestProject): () => void {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return () => undefined;
  }
  const cluster = startCluster({ fsync: false });
  if (typeof cluster === 'string') {
    console.warn(
      `\n[server tests] PostgreSQL tests SKIPPED: ${cluster}. PGlite tests still run.\n`,
    );
    project.provide('postgresUrl', '');
    return () => undefined;
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
