/**
 * The State Council's two-level 主题分类 (subject category) scheme and label normalisation.
 * taxonomy.json is the gov.cn tree as served by its policy library (22 classes, 121 sub-classes).
 */
import taxonomyJson from './taxonomy.json';
import { message, type Message } from '../message';

/** A label on the taxonomy: level 1 (一级) and, where chosen, level 2 (二级). */
export interface TopicPath {
  readonly label1: string;
  readonly label2: string | null;
}

export interface TopicClass {
  readonly name: string;
  readonly id: string;
  readonly aliases: readonly string[];
  readonly children: readonly TopicSubclass[];
}

export interface TopicSubclass {
  readonly name: string;
  readonly id: string;
  readonly aliases: readonly string[];
}

export interface Taxonomy {
  readonly classes: readonly TopicClass[];
}

/** Separators written between the two levels in the wild: gov.cn `\`, the sample `-`, ministries `/`. */
export type PathSeparator = '\\' | '-' | '/';

/** The canonical key of a path, as gov.cn writes it: `一级\二级`, or `一级` alone. */
export function topicKey(path: TopicPath): string {
  return path.label2 === null ? path.label1 : `${path.label1}\\${path.label2}`;
}

/** A path written with the separator the clerk chose for export. */
export function formatTopic(path: TopicPath, separator: PathSeparator): string {
  return path.label2 === null ? path.label1 : `${path.label1}${separator}${path.label2}`;
}

export const TAXONOMY: Taxonomy = taxonomyJson as Taxonomy;

/** Every leaf a clerk can choose: each sub-class, and classes without children (the top-level 其他). */
export function taxonomyLeaves(taxonomy: Taxonomy = TAXONOMY): TopicPath[] {
  return taxonomy.classes.flatMap((c): TopicPath[] =>
    c.children.length === 0
      ? [{ label1: c.name, label2: null }]
      : c.children.map((s) => ({ label1: c.name, label2: s.name })),
  );
}

export type TopicResult =
  | { readonly ok: true; readonly path: TopicPath }
  | { readonly ok: false; readonly raw: string; readonly reason: Message };

interface TopicIndex {
  /** spelling (name or alias, folded) → class name */
  readonly classes: Map<string, TopicClass>;
  /** class name → spelling of a sub-class (folded) → sub-class name */
  readonly children: Map<string, Map<string, string>>;
  /** spellings that name a sub-class on their own, such as `民政扶贫救灾-其他` */
  readonly wholePaths: Map<string, TopicPath>;
}

const indexCache = new WeakMap<Taxonomy, TopicIndex>();

/** Folds the spelling variants seen across sites: ASCII/full-width brackets and spaces. */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/，/g, '、');
}

function buildIndex(taxonomy: Taxonomy): TopicIndex {
  const classes = new Map<string, TopicClass>();
  const children = new Map<string, Map<string, string>>();
  const wholePaths = new Map<string, TopicPath>();
  for (const c of taxonomy.classes) {
    for (const spelling of [c.name, ...c.aliases]) classes.set(fold(spelling), c);
    const subs = new Map<string, string>();
    for (const s of c.children) {
      for (const spelling of [s.name, ...s.aliases]) {
        const folded = fold(spelling);
        if (/[\\/-]/.test(folded)) wholePaths.set(folded, { label1: c.name, label2: s.name });
        else subs.set(folded, s.name);
      }
    }
    children.set(c.name, subs);
  }
  return { classes, children, wholePaths };
}

function indexOf(taxonomy: Taxonomy): TopicIndex {
  let index = indexCache.get(taxonomy);
  if (!index) {
    index = buildIndex(taxonomy);
    indexCache.set(taxonomy, index);
  }
  return index;
}

/**
 * Reads a label as written anywhere (`民政、扶贫、救灾\社会福利`, `民政、扶贫、救灾-其他`,
 * `民政扶贫救灾/其他`, `科技、教育`, aliases, full-width separators) onto the taxonomy.
 * Never splits on `、`: it joins words inside one name.
 * WARNING: an unknown label is returned as `ok: false` with its raw text, never dropped or guessed.
 */
export function normaliseTopic(raw: string, taxonomy: Taxonomy = TAXONOMY): TopicResult {
  const index = indexOf(taxonomy);
  const folded = fold(raw)
    .replace(/[＼﹨]/g, '\\')
    .replace(/[－—–]/g, '-')
    .replace(/／/g, '/');
  if (folded === '') return { ok: false, raw, reason: message('topicEmpty') };
  const whole = index.wholePaths.get(folded);
  if (whole) return { ok: true, path: whole };
  const parts = folded.split(/[\\/>|-]/).filter((p) => p !== '');
  const first = parts[0];
  if (first === undefined || parts.length > 2) {
    return { ok: false, raw, reason: message('topicUnreadable', { raw }) };
  }
  const cls = index.classes.get(first);
  if (!cls) return { ok: false, raw, reason: message('topicClassUnknown', { label1: first }) };
  const second = parts[1];
  if (second === undefined) return { ok: true, path: { label1: cls.name, label2: null } };
  const sub = index.children.get(cls.name)?.get(second);
  if (sub === undefined) {
    return {
      ok: false,
      raw,
      reason: message('topicLeafUnknown', { label1: cls.name, label2: second }),
    };
  }
  return { ok: true, path: { label1: cls.name, label2: sub } };
}
