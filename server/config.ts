/**
 * The server's settings, read from the environment once at start (never at import):
 * PORT (8787), HOST (all interfaces), DATA_DIR (./data) for the embedded database unless
 * DATABASE_URL (postgres://…) names a PostgreSQL server, TRUST_PROXY=1 behind a TLS proxy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, type ServerConfig } from './context';
import type { DatabaseConfig } from './db/open';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');
export const SHIPPED_MODEL = path.join(REPO_ROOT, 'public/model/model.json');

export interface StartConfig {
  readonly port: number;
  readonly host: string | undefined;
  readonly database: DatabaseConfig;
  readonly server: ServerConfig;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export function databaseConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('DATABASE_URL 须以 postgres:// 或 postgresql:// 开头。');
    }
    return { url };
  }
  return { dataDir: path.resolve(env.DATA_DIR?.trim() || path.join(REPO_ROOT, 'data')) };
}

export function readConfig(env: NodeJS.ProcessEnv): StartConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT 无效：${env.PORT ?? ''}（应为 1–65535 的整数）`);
  }
  return {
    port,
    host: env.HOST?.trim() || undefined,
    database: databaseConfig(env),
    server: {
      ...DEFAULT_CONFIG,
      version: packageVersion(),
      trustProxy: env.TRUST_PROXY === '1',
      distDir: DIST_DIR,
    },
  };
}
