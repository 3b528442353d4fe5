/**
 * Builds eval/composed/notices.jsonl, the development set of notices the team composed (not real data), from eval/composed/notices/*.txt (one notice
 * per file, as a clerk pastes it) and eval/composed/notices/labels.tsv (file, label, format, note).
 * Run: `npx tsx scripts/build-composed.ts`. The output is committed; scripts/build-composed.test.ts
 * fails when it is stale, so edit the .txt/.tsv files and re-run this script, never the jsonl.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseTopic, topicKey } from '../src/domain/taxonomy/taxonomy.ts';

export const NOTICE_FORMATS = ['shanghai', 'govcn', 'noheader', 'short'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** One labels.tsv row as written by the annotator. */
export interface LabelRow {
  readonly file: string;
  readonly label: string;
  readonly format: string;
  readonly note: string;
  /** 1-based line in labels.tsv, for messages that point at the row to fix. */
  readonly line: number;
}

/** One line of eval/composed/notices.jsonl. `label` is the canonical gov.cn key `一级\二级` (or `其他`). */
export interface TestNotice {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  readonly label1: string;
  readonly label2: string | null;
  readonly format: NoticeFormat;
  readonly difficulty: Difficulty;
  readonly note: string;
}

export interface ComposedBuild {
  readonly notices: TestNotice[];
  /** Every inconsistency found; the jsonl is only written when this is empty. */
  readonly problems: string[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const COMPOSED_DIR = path.join(repoRoot, 'eval', 'composed', 'notices');
export const COMPOSED_JSONL = path.join(repoRoot, 'eval', 'composed', 'notices.jsonl');

const HEADER = ['file', 'label', 'format', 'note'];

/** Parses labels.tsv; a first row equal to the column names is skipped. */
export function parseLabels(tsv: string): { rows: LabelRow[]; problems: string[] } {
  const rows: LabelRow[] = [];
  const problems: string[] = [];
  tsv.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    if (line === 1 && cells.join('\t') === HEADER.join('\t')) return;
    const [file, label, format, note] = cells;
    if (cells.length !== 4 || !file || !label || !format || note === undefined) {
      problems.push(`labels.tsv 第 ${line} 行应有 4 列（file, label, format, note）：${raw}`);
      return;
    }
    rows.push({ file, label, format, note, line });
  });
  return { rows, problems };
}

function isFormat(value: string): value is NoticeFormat {
  return (NOTICE_FORMATS as readonly string[]).includes(value);
}

/** The note opens with the difficulty, e.g. `hard: issuer misleading`. */
function difficultyOf(note: string): Difficulty | null {
  const prefix = note.split(':')[0]?.trim() ?? '';
  return (DIFFICULTIES as readonly string[]).includes(prefix) ? (prefix as Difficulty) : null;
}

/**
 * The 主题分类 value written in a pasted header, if any: Shanghai pages put it on the line after
 * `主题分类:`, gov.cn pages in the cell after `主题分类：` on a tab-separated row.
 * Returns '' for a header that leaves it empty and null when the notice has no such header field.
 */
export function headerTopic(text: string): string | null {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const cells = line.split('\t');
    const at = cells.findIndex((c) => /^主题分类[:：]$/.test(c.trim()));
    if (cells.length > 1 && at >= 0) return (cells[at + 1] ?? '').trim();
    if (/^主题分类[:：]$/.test(line.trim())) {
      const next = (lines[i + 1] ?? '').trim();
      // An empty value leaves the next header label directly below.
      return /^[\u4e00-\u9fa5]{2,6}[:：]$/.test(next) ? '' : next;
    }
  }
  return null;
}

/** Reads the folder and the labels and checks that they agree; pure apart from reading files. */
export function buildComposed(dir: string = COMPOSED_DIR): ComposedBuild {
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const parsed = parseLabels(readFileSync(path.join(dir, 'labels.tsv'), 'utf8'));
  problems.push(...parsed.problems);

  const byFile = new Map<string, LabelRow>();
  for (const row of parsed.rows) {
    if (byFile.has(row.file)) problems.push(`labels.tsv 第 ${row.line} 行重复标注：${row.file}`);
    byFile.set(row.file, row);
    if (!files.includes(row.file)) {
      problems.push(`labels.tsv 第 ${row.line} 行的文件不存在：${row.file}`);
    }
  }

  const notices: TestNotice[] = [];
  for (const file of files) {
    const row = byFile.get(file);
    if (!row) {
      problems.push(`未标注的公文：${file}`);
      continue;
    }
    const topic = normaliseTopic(row.label);
    if (!topic.ok) {
      problems.push(`${file}：${topic.reason}`);
      continue;
    }
    if (!isFormat(row.format)) {
      problems.push(`${file}：未知格式 ${row.format}`);
      continue;
    }
    const difficulty = difficultyOf(row.note);
    if (!difficulty) {
      problems.push(`${file}：备注须以 easy:/medium:/hard: 开头`);
      continue;
    }
    const text = readFileSync(path.join(dir, file), 'utf8');
    const written = headerTopic(text);
    if (written) {
      const headerPath = normaliseTopic(written);
      if (!headerPath.ok || topicKey(headerPath.path) !== topicKey(topic.path)) {
        problems.push(`${file}：页面主题分类“${written}”与 labels.tsv 不一致`);
      }
    }
    notices.push({
      id: file.replace(/\.txt$/, ''),
      text,
      label: topicKey(topic.path),
      label1: topic.path.label1,
      label2: topic.path.label2,
      format: row.format,
      difficulty,
      note: row.note,
    });
  }
  return { notices, problems };
}

/** One JSON object per line, in file-name order, so the output is byte-for-byte reproducible. */
export function toJsonl(notices: readonly TestNotice[]): string {
  return notices.map((n) => JSON.stringify(n)).join('\n') + '\n';
}

function main(): void {
  const { notices, problems } = buildComposed();
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    process.exitCode = 1;
    return;
  }
  writeFileSync(COMPOSED_JSONL, toJsonl(notices));
  console.log(`已写入 ${path.relative(repoRoot, COMPOSED_JSONL)}：${notices.length} 篇公文`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
