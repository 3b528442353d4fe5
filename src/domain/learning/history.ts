/**
 * A labelled history: notices the office already classified, read from whatever it exported
 * (notice files with a 主题分类 header, a CMS CSV, a desk JSONL, a labelled JSONL), and their labels
 * read onto the taxonomy. Unknown labels are listed for the clerk to map, never dropped or guessed.
 */
import { cmsRowsToNotices, parseCsv } from '../export/cms-csv';
import { DESK_FORMAT, parseDeskJsonl } from '../export/jsonl';
import { message, type Message } from '../message';
import { parseNotice } from '../notice';
import { normaliseTopic, topicKey, type TopicPath } from '../taxonomy/taxonomy';

/** One notice of the history, before its label is read onto the taxonomy. */
export interface HistoryItem {
  /** Where it came from (`file`, `file:line`, `file:title`), for the clerk's report. */
  readonly origin: string;
  readonly text: string;
  /** 主题分类 as written; null when the notice carries none. */
  readonly labelRaw: string | null;
}

/** A problem with one part of an import. */
export interface HistoryError {
  readonly origin: string;
  readonly reason: Message;
}

export interface HistoryRead {
  readonly items: HistoryItem[];
  readonly errors: HistoryError[];
}

/** A notice file (.txt/.html/.docx text): its label is the header's 主题分类. */
export function historyFromNotice(text: string, name: string): HistoryItem {
  return { origin: name, text, labelRaw: parseNotice(text).topicRaw };
}

/** A CMS export: one notice per row, the label in its own column. */
export function historyFromCsv(text: string, name: string): HistoryRead {
  const read = cmsRowsToNotices(parseCsv(text));
  return {
    items: read.notices.map((n) => ({
      origin: `${name}:${n.row}`,
      text: n.text,
      labelRaw: n.labelRaw,
    })),
    errors: read.errors.map((e) => ({ origin: `${name}:${e.row}`, reason: e.reason })),
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function isDeskExport(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 5)
    .find((l) => l.trim() !== '');
  if (first === undefined) return false;
  try {
    const head: unknown = JSON.parse(first);
    return (
      typeof head === 'object' &&
      head !== null &&
      (head as { format?: unknown }).format === DESK_FORMAT
    );
  } catch {
    return false;
  }
}

/**
 * A JSONL file: the desk's own export (a decision wins over the header's label) or labelled lines
 * with `text` (or `title`) and `label` (or `label1`/`label2`, or `label_raw`).
 */
export function historyFromJsonl(text: string, name: string): HistoryRead {
  if (isDeskExport(text)) {
    const read = parseDeskJsonl(text);
    return {
      items: read.records.map((r) => ({
        origin: `${name}:${r.meta.title ?? r.id}`,
        text: r.text,
        labelRaw: r.decision ? topicKey(r.decision.path) : r.meta.topicRaw,
      })),
      errors: read.errors.map((e) => ({ origin: `${name}:${e.line}`, reason: e.reason })),
    };
  }
  const items: HistoryItem[] = [];
  const errors: HistoryError[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      const origin = `${name}:${i + 1}`;
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch {
        errors.push({ origin, reason: message('jsonlBadJson') });
        return;
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        errors.push({ origin, reason: message('jsonlNotObject') });
        return;
      }
      const rec = obj as Record<string, unknown>;
      const body = str(rec.text) ?? str(rec.title);
      if (body === null) {
        errors.push({ origin, reason: message('jsonlNoText') });
        return;
      }
      const label1 = str(rec.label1);
      const label2 = str(rec.label2);
      const labelRaw =
        str(rec.label) ??
        str(rec.主题分类) ??
        (label1 === null ? null : label2 === null ? label1 : `${label1}\\${label2}`) ??
        str(rec.label_raw);
      items.push({ origin, text: body, labelRaw });
    });
  return { items, errors };
}

/** The clerk's answer for a label not on the taxonomy: a path, or null to leave those notices out. */
export type LabelMapping = Readonly<Record<string, TopicPath | null>>;

/** A history notice with its label on the taxonomy, ready for training. */
export interface HistoryExample {
  readonly origin: string;
  readonly text: string;
  readonly path: TopicPath;
  readonly source: 'history';
}

export interface UnknownLabel {
  readonly raw: string;
  readonly count: number;
  /** Why normalisation failed. */
  readonly reason: Message;
  /** A few notices that carry it, so the clerk can look before mapping. */
  readonly origins: readonly string[];
}

export interface LabelledHistory {
  readonly examples: HistoryExample[];
  /** Labels neither on the taxonomy nor mapped: most frequent first. */
  readonly unknown: UnknownLabel[];
  /** Notices without any 主题分类: cannot teach anything. */
  readonly unlabelled: number;
  /** Notices whose label the clerk chose to leave out. */
  readonly ignored: number;
}

const ORIGINS_SHOWN = 3;

/** The key a raw label is mapped under: spacing does not make another label. */
export function mappingKey(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, '');
}

export function labelHistory(
  items: readonly HistoryItem[],
  mapping: LabelMapping = {},
): LabelledHistory {
  const examples: HistoryExample[] = [];
  const unknown = new Map<
    string,
    { raw: string; count: number; reason: Message; origins: string[] }
  >();
  let unlabelled = 0;
  let ignored = 0;
  for (const item of items) {
    const raw = item.labelRaw?.trim() ?? '';
    if (raw === '') {
      unlabelled++;
      continue;
    }
    const key = mappingKey(raw);
    if (Object.hasOwn(mapping, key)) {
      const mapped = mapping[key];
      if (mapped)
        examples.push({ origin: item.origin, text: item.text, path: mapped, source: 'history' });
      else ignored++;
      continue;
    }
    const result = normaliseTopic(raw);
    if (result.ok) {
      examples.push({ origin: item.origin, text: item.text, path: result.path, source: 'history' });
      continue;
    }
    const entry = unknown.get(key) ?? {
      raw,
      count: 0,
      reason: message('topicNotOnTaxonomy', { raw }),
      origins: [],
    };
    entry.count++;
    if (entry.origins.length < ORIGINS_SHOWN) entry.origins.push(item.origin);
    unknown.set(key, entry);
  }
  return {
    examples,
    unknown: [...unknown.values()].sort((a, b) => b.count - a.count || (a.raw < b.raw ? -1 : 1)),
    unlabelled,
    ignored,
  };
}
