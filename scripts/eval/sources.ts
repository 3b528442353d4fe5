/**
 * The real labelled sources the classifier is judged on, read from ../shared at eval time (never
 * copied into the repo): the sample notices, gov.cn paragraphs (grouped by document) and the Hebei
 * catalogue's titles. Each example carries its `group` (the document it comes from), so that folds
 * never split a document.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LabelledExample } from '../../src/domain/classifier/index';
import { readLabelledJsonl } from '../../src/domain/classifier/index';
import { translate } from '../../src/domain/messages/index';
import { parseNotice } from '../../src/domain/notice/index';
import { sharedDir } from '../classifier/io';

export interface EvalExample extends LabelledExample {
  readonly id: string;
  readonly text: string;
  /** The document it comes from: folds never split a group. */
  readonly group: string;
}

export interface RealSource {
  /** Short name used in tables (`samples`, `govcn-paragraphs`, `hebei-titles`). */
  readonly name: string;
  /** What the texts are, in a few words, for the report. */
  readonly about: string;
  /** Whose cataloguing convention the labels follow. */
  readonly convention: 'gov.cn' | 'local';
  /** 1 when the labels are given at level 1 only. */
  readonly levels: 1 | 2;
  readonly examples: readonly EvalExample[];
}

/**
 * The sample notices, each twice: as pasted (with its metadata header) and with the header cut
 * off, as the hidden test set is. The gold label is the publisher's 主题分类 from the header.
 */
export function sampleSource(dir = path.join(sharedDir, 'samples')): RealSource | null {
  if (!existsSync(dir)) return null;
  const examples: EvalExample[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, '');
    const parsed = parseNotice(text);
    if (!parsed.topic || !parsed.header) continue;
    const group = path.basename(file, '.txt');
    const bare = text.slice(parsed.header.span.end).replace(/^\s+/, '');
    examples.push({ id: `${group}#header`, text, path: parsed.topic, group, source: 'samples' });
    examples.push({
      id: `${group}#bare`,
      text: bare,
      path: parsed.topic,
      group,
      source: 'samples',
    });
  }
  return {
    name: 'samples',
    about: '../shared/samples 中的真实公文（带表头、去表头各一次）',
    convention: 'gov.cn',
    levels: 2,
    examples,
  };
}

function jsonlSource(
  file: string,
  name: string,
  about: string,
  convention: RealSource['convention'],
  levels: RealSource['levels'],
  groupOf: (row: Record<string, unknown>, id: string) => string,
): RealSource | null {
  if (!existsSync(file)) return null;
  const raw = readFileSync(file, 'utf8');
  const rows = raw
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const { examples, errors } = readLabelledJsonl(raw, name);
  if (errors.length > 0)
    throw new Error(`${file}: ${errors[0] ? translate('zh', errors[0].reason) : ''}`);
  const groups = new Map(rows.map((r) => [String(r.id), groupOf(r, String(r.id))]));
  return {
    name,
    about,
    convention,
    levels,
    examples: examples.map((e) => ({ ...e, group: groups.get(e.id) ?? e.id })),
  };
}

export function paragraphSource(dir = path.join(sharedDir, 'data')): RealSource | null {
  return jsonlSource(
    path.join(dir, 'govcn-paragraphs.jsonl'),
    'govcn-paragraphs',
    'gov.cn 政策文件库的段落（无标题），按文档分组',
    'gov.cn',
    2,
    (r, id) => (typeof r.url === 'string' ? r.url : id),
  );
}

export function hebeiSource(dir = path.join(sharedDir, 'data')): RealSource | null {
  return jsonlSource(
    path.join(dir, 'hebei-titles.jsonl'),
    'hebei-titles',
    '河北省政府办公厅公文标题，一级标签，河北本地编目习惯（约三成“其他”）',
    'local',
    1,
    (_r, id) => id,
  );
}

/** Every real source present under ../shared, in a fixed order. */
export function realSources(): RealSource[] {
  return [sampleSource(), paragraphSource(), hebeiSource()].filter(
    (s): s is RealSource => s !== null,
  );
}
