/**
 * `npm run serve`: builds the desk if the build is missing or older than its sources, opens and
 * migrates the database, and serves the desk and the API on PORT.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { DIST_DIR, readConfig, REPO_ROOT, SHIPPED_MODEL } from './config';
import { openDatabase } from './db/open';
import { createModelStore } from './model/store';
import { workerTrainer } from './model/trainer';

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

function buildIfNeeded(): void {
  const index = path.join(DIST_DIR, 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) =>
    path.join(REPO_ROOT, p),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  console.log('正在构建标注台（dist/ 缺失或早于源代码）…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('构建失败：见上方输出。');
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  if (process.env.SKIP_BUILD !== '1') buildIfNeeded();
  const { db, where, close } = await openDatabase(config.database);
  const app = createApp({
    db,
    // Without a build (SKIP_BUILD=1 and none made yet) the server answers the API only.
    config: { ...config.server, distDir: existsSync(DIST_DIR) ? DIST_DIR : null },
    models: createModelStore(SHIPPED_MODEL),
    trainer: workerTrainer,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host =
      config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
    console.log(`公文主题标注台团队服务器 ${config.server.version}：http://${host}:${info.port}/`);
    console.log(
      db.kind === 'pglite'
        ? `数据库：内置 PGlite，数据目录 ${where}（试用；正式使用请设置 DATABASE_URL 连接 PostgreSQL）`
        : `数据库：PostgreSQL ${where}`,
    );
  });
  const shutdown = (): void => {
    server.close();
    void close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
