/**
 * A throwaway PostgreSQL cluster for tests and the bench: Debian's initdb and pg_ctl in a temporary
 * directory, listening on a unix socket only (no port to collide with). As root the server must
 * run as the `postgres` user, so the directory is handed to it.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Cluster {
  /** postgres://… for the `postgres` superuser, over the socket. */
  readonly url: string;
  readonly dir: string;
  stop(): void;
}

/** The newest installed PostgreSQL's bin directory, or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : path.join(root, versions[0], 'bin');
}

/** Starts a cluster, or returns why it cannot (printed by the caller as the reason to skip). */
export function startCluster(options: { fsync?: boolean } = {}): Cluster | string {
  const bin = postgresBin();
  if (bin === null) return 'PostgreSQL is not installed (apt-get install postgresql)';
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (asRoot) {
    try {
      const [uid, gid] = ['-u', '-g'].map((flag) =>
        Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()),
      );
      owner = { uid: uid ?? 0, gid: gid ?? 0 };
    } catch {
      return 'running as root, and there is no `postgres` user to run the server as';
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'ntd-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (tool: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    execFileSync(command, full, { stdio: 'pipe' });
  };
  const data = path.join(dir, 'data');
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '-N',
    ]);
    const settings = [
      `-c listen_addresses=''`,
      `-k ${dir}`,
      '-c max_connections=200',
      options.fsync === false ? '-c fsync=off -c synchronous_commit=off' : '',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-o', settings, '-l', path.join(dir, 'log'), '-w', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `the PostgreSQL test cluster did not start: ${detail}`;
  }
  return {
    // The socket directory travels as ?host= (it overrides `localhost`, which only makes a valid URL).
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`,
    dir,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The URL of another database on the same cluster. */
export function databaseUrl(clusterUrl: string, name: string): string {
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
