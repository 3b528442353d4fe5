/**
 * A labelled history: notices the office already classified, read from whatever it exported
 * (notice files with a 主题分类 header, a CMS CSV, a desk JSONL, a labelled JSONL), and their labels
 * read onto the taxonomy. Unknown labels are listed for the clerk to map, never dropped or guessed.
 */
import { cmsRowsToNotices, parseCsv } from '../export/cms-csv';
import { contentId } from '../intake/id';
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

/**
 * How an imported labelled notice stands against the history already there and the rest of its
 * batch. Notices are the same when their text is (contentId: line ends and trailing blanks aside);
 * labels are the same when they name the same path (民政、扶贫、救灾-其他 = 民政、扶贫、救灾\其他).
 * - 'new': the history has no label for this notice yet: it is added (or its label filled in);
 * - 'same': the history has it with this label (or this copy has none): nothing changes;
 * - 'duplicate': earlier in the batch with this label (or this copy has none): kept once;
 * - 'conflict': the history or the batch has it with another label: the clerk chooses which wins.
 */
export type ImportStatus = 'new' | 'same' | 'duplicate' | 'conflict';

export interface ImportedItem {
  readonly item: HistoryItem;
  readonly status: ImportStatus;
  /** The notice's identity (contentId of its text), shared by its copies. */
  readonly key: string;
}

/** One label a conflicting notice carries, and where. */
export interface ConflictLabel {
  /** Identifies the label: topicKey on the taxonomy, else the raw label without blanks. */
  readonly labelKey: string;
  /** As first written (`民政、扶贫、救灾-其他`). */
  readonly labelRaw: string;
  /** Where it came from: the history's own first, then the batch's files or lines. */
  readonly origins: readonly string[];
  /** The label the history holds today. */
  readonly inHistory: boolean;
}

/** A notice that comes with two or more labels: the clerk picks one (resolveHistoryImport). */
export interface LabelConflict {
  readonly key: string;
  /** The notice's first line, to recognise it by. */
  readonly title: string;
  /** Two or more, the history's first, then in the order the batch brings them. */
  readonly labels: readonly ConflictLabel[];
}

export interface HistoryImportReport {
  /** The batch in its order, each with its status. */
  readonly items: readonly ImportedItem[];
  readonly counts: Readonly<Record<ImportStatus, number>>;
  readonly conflicts: readonly LabelConflict[];
}

/** The same label whatever the spelling: the path when on the taxonomy, else the raw text. */
function labelKeyOf(labelRaw: string | null): string | null {
  const raw = labelRaw?.trim() ?? '';
  if (raw === '') return null;
  const result = normaliseTopic(raw);
  return result.ok ? topicKey(result.path) : `?${mappingKey(raw)}`;
}

function firstLine(text: string): string {
  const line = text.split(/\r\n|\r|\n/u).find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 60);
}

interface Seen {
  readonly title: string;
  /** labelKey → the label as first written, its origins, whether the history holds it. */
  readonly labels: Map<string, { labelRaw: string; origins: string[]; inHistory: boolean }>;
  /** Where the history holds this notice, if it does. */
  readonly historyLabel: string | null;
}

/** The status of a copy of a notice already seen (in the history or earlier in the batch). */
function statusOfCopy(seen: Seen, labelKey: string | null, inHistory: boolean): ImportStatus {
  if (labelKey === null) return inHistory ? 'same' : 'duplicate';
  if ([...seen.labels.keys()].some((k) => k !== labelKey)) return 'conflict';
  if (seen.labels.has(labelKey))
    return inHistory && seen.historyLabel === labelKey ? 'same' : 'duplicate';
  // The copies so far had no label: this one gives the notice its label.
  return inHistory ? 'new' : 'duplicate';
}

/**
 * Classifies an imported batch against the history already there (`existing`) and within itself;
 * see ImportStatus. Nothing is merged here: resolveHistoryImport does that with the clerk's choices.
 * Linear in the number of items.
 */
export function historyImportReport(
  existing: readonly HistoryItem[],
  batch: readonly HistoryItem[],
): HistoryImportReport {
  const seen = new Map<string, Seen>();
  for (const item of existing) {
    const key = contentId(item.text);
    if (seen.has(key)) continue;
    const labelKey = labelKeyOf(item.labelRaw);
    const labels: Seen['labels'] = new Map();
    if (labelKey !== null) {
      labels.set(labelKey, {
        labelRaw: item.labelRaw?.trim() ?? '',
        origins: [item.origin],
        inHistory: true,
      });
    }
    seen.set(key, { title: firstLine(item.text), labels, historyLabel: labelKey });
  }
  const inHistory = new Set(seen.keys());
  const items: ImportedItem[] = [];
  const counts: Record<ImportStatus, number> = { new: 0, same: 0, duplicate: 0, conflict: 0 };
  for (const item of batch) {
    const key = contentId(item.text);
    const labelKey = labelKeyOf(item.labelRaw);
    let entry = seen.get(key);
    let status: ImportStatus;
    if (!entry) {
      entry = { title: firstLine(item.text), labels: new Map(), historyLabel: null };
      seen.set(key, entry);
      status = 'new';
    } else {
      status = statusOfCopy(entry, labelKey, inHistory.has(key));
    }
    if (labelKey !== null) {
      const label = entry.labels.get(labelKey);
      if (label) label.origins.push(item.origin);
      else {
        entry.labels.set(labelKey, {
          labelRaw: item.labelRaw?.trim() ?? '',
          origins: [item.origin],
          inHistory: false,
        });
      }
    }
    counts[status]++;
    items.push({ item, status, key });
  }
  const conflicts: LabelConflict[] = [];
  for (const [key, entry] of seen) {
    if (entry.labels.size < 2) continue;
    conflicts.push({
      key,
      title: entry.title,
      labels: [...entry.labels].map(([labelKey, l]) => ({ labelKey, ...l })),
    });
  }
  return { items, counts, conflicts };
}

/**
 * Which label wins where a notice came with several: conflict key → the winning labelKey. A
 * conflict without a choice keeps the history's label, or, for a notice new to the history, the
 * first label the batch brought: the clerk's catalogue is never changed unasked.
 */
export type ConflictChoices = ReadonlyMap<string, string>;

/**
 * The history after the import: the existing items in their order (a conflict's winner replaces
 * the history's copy where it stands), then one item per notice new to the history, carrying the
 * chosen label. Copies are never added twice.
 */
export function resolveHistoryImport(
  existing: readonly HistoryItem[],
  report: HistoryImportReport,
  choices: ConflictChoices = new Map(),
): HistoryItem[] {
  const winner = new Map<string, string>();
  for (const c of report.conflicts) {
    const chosen = choices.get(c.key);
    const fallback = c.labels.find((l) => l.inHistory) ?? c.labels[0];
    if (chosen !== undefined && c.labels.some((l) => l.labelKey === chosen))
      winner.set(c.key, chosen);
    else if (fallback) winner.set(c.key, fallback.labelKey);
  }
  const copies = new Map<string, HistoryItem[]>();
  for (const { item, key } of report.items) {
    const list = copies.get(key);
    if (list) list.push(item);
    else copies.set(key, [item]);
  }
  /** The copy to keep: the one with the winning label, else the first that has a label. */
  const pick = (key: string, inHistory: HistoryItem | null): HistoryItem | undefined => {
    const candidates = [...(inHistory ? [inHistory] : []), ...(copies.get(key) ?? [])];
    const labelled = candidates.filter((c) => labelKeyOf(c.labelRaw) !== null);
    const wanted = winner.get(key);
    return (
      (wanted === undefined
        ? labelled[0]
        : labelled.find((c) => labelKeyOf(c.labelRaw) === wanted)) ?? candidates[0]
    );
  };
  const out: HistoryItem[] = [];
  const placed = new Set<string>();
  for (const item of existing) {
    const key = contentId(item.text);
    // A copy the history already held twice stays as it was: this import did not bring it.
    out.push(placed.has(key) ? item : (pick(key, item) ?? item));
    placed.add(key);
  }
  for (const key of copies.keys()) {
    if (placed.has(key)) continue;
    const item = pick(key, null);
    if (item) out.push(item);
  }
  return out;
}
