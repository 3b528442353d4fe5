/** `npm run classify` on a directory: worker threads, the same lines as one file at a time, in name order. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(root, 'src/domain/notice/fixtures/shanghai-format-notice.txt');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const script = path.join(root, 'scripts/classify.ts');

function classify(...inputs: string[]): string[] {
  const out = execFileSync(tsx, [script, ...inputs], { cwd: root, encoding: 'utf8' });
  return out.trimEnd().split('\n');
}

test('a directory is classified on worker threads into the lines of its files, in name order', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'classify-cli-'));
  const fixture = readFileSync(FIXTURE, 'utf8');
  const titles = ['民政工作要点', '防汛防台工作安排', '义务教育招生工作意见'];
  // More files than one thread's chunk, so several threads answer and their lines are merged.
  const names = Array.from({ length: 120 }, (_, i) => `n${String(i).padStart(3, '0')}.txt`);
  names.forEach((name, i) =>
    writeFileSync(
      path.join(dir, name),
      fixture.replace('2021年示范区民政工作要点', `2021年示范区${titles[i % 3] ?? ''}`),
    ),
  );
  const lines = classify(dir);
  expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(names);
  const oneByOne = classify(...[0, 1, 2, 119].map((i) => path.join(dir, names[i] ?? '')));
  expect(oneByOne).toEqual([0, 1, 2, 119].map((i) => lines[i]));
});
