/** `npm run parse`: a file, stdin, a GB18030 file, and a Chinese message for a missing file. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { encodeLegacy } from '../src/domain/intake/test-support/legacy-encode';
import type { ParsedNotice } from '../src/domain/notice/types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(root, 'src/domain/notice/fixtures/shanghai-format-notice.txt');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const script = path.join(root, 'scripts/parse.ts');

function run(args: string[], input?: string | Uint8Array): ParsedNotice {
  const out = execFileSync(tsx, [script, ...args], { cwd: root, input, encoding: 'utf8' });
  return JSON.parse(out) as ParsedNotice;
}

describe('scripts/parse.ts', () => {
  test('prints the ParsedNotice of a file as JSON', () => {
    const p = run([FIXTURE]);
    expect(p.title?.text).toBe('2021年示范区民政工作要点');
    expect(p.sections).toHaveLength(6);
  });

  test('reads stdin with -', () => {
    const p = run(['-'], readFileSync(FIXTURE, 'utf8'));
    expect(p.docNumber?.normalised).toBe('沪示民〔2021〕7号');
  });

  test('decodes a GB18030 file as the desk does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parse-cli-'));
    const file = path.join(dir, 'gbk.txt');
    writeFileSync(file, encodeLegacy(readFileSync(FIXTURE, 'utf8'), 'gb18030'));
    expect(run([file]).issuer?.text).toBe('上海市示范区民政局');
  });

  test('a missing file exits 1 with a Chinese message', () => {
    const r = spawnSync(tsx, [script, path.join(root, 'no-such-notice.txt')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('无法读取文件');
  });
});
