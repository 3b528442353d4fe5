/**
 * Topic search for the picker. A query matches either level's name, the aliases other sites use, the
 * pinyin initials of the names (mzfp, hjbh) and, once it is loaded (coverage.ts), what each class
 * covers: the knowledge prior's terms (固体废物, 无废城市, 执法) and their initials. A match found
 * through an alias or a term carries it as a hint, so the clerk sees why a class came up.
 */
import pinyinJson from './pinyin.json';
import { TAXONOMY, topicKey, type Taxonomy, type TopicPath } from './taxonomy';

export interface TopicOption {
  readonly path: TopicPath;
  /** topicKey(path), unique: usable as a React key and an option id. */
  readonly key: string;
  /** `一级 › 二级`, or `一级` alone. */
  readonly label: string;
}

/** Why an option matched when its name does not show it: an alias, or a term the class covers. */
export interface MatchHint {
  readonly kind: 'alias' | 'term';
  /** The alias or term as written (`港澳台工作`, `无废城市`). */
  readonly text: string;
}

export interface TopicMatch extends TopicOption {
  readonly hint: MatchHint | null;
}

/** A term a class covers, ready for matching. */
interface CoveredTerm {
  readonly text: string;
  readonly folded: string;
  readonly initials: string;
}

/**
 * What each class covers, built by `topicCoverage` from coverage.json (loaded lazily by
 * loadTopicCoverage): the terms of each leaf, and those of each class as a whole.
 */
export interface TopicCoverage {
  /** topicKey of a leaf → its terms. */
  readonly leaf: ReadonlyMap<string, readonly CoveredTerm[]>;
  /** level-1 name → the terms of the class as a whole (they fit each of its leaves). */
  readonly area: ReadonlyMap<string, readonly CoveredTerm[]>;
}

/** coverage.json as scripts/topic-index.ts writes it. */
export interface CoverageData {
  readonly entries: readonly {
    readonly path: string;
    readonly terms: readonly string[];
    readonly initials: readonly string[];
  }[];
}

/** Folds what a clerk may type: full-width/ASCII forms, case, spaces and the 、 inside names. */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s、，,]+/g, '');
}

/**
 * Reads coverage.json. A path naming a class that has sub-classes holds terms of the class as a
 * whole; any other path (a sub-class, or the top-level 其他) is a leaf.
 */
export function topicCoverage(data: CoverageData, taxonomy: Taxonomy = TAXONOMY): TopicCoverage {
  const withChildren = new Set(
    taxonomy.classes.filter((c) => c.children.length > 0).map((c) => c.name),
  );
  const leaf = new Map<string, CoveredTerm[]>();
  const area = new Map<string, CoveredTerm[]>();
  for (const entry of data.entries) {
    const terms = entry.terms.map((text, i) => ({
      text,
      folded: fold(text),
      initials: entry.initials[i] ?? '',
    }));
    const target = !entry.path.includes('\\') && withChildren.has(entry.path) ? area : leaf;
    target.set(entry.path, [...(target.get(entry.path) ?? []), ...terms]);
  }
  return { leaf, area };
}

interface IndexedOption extends TopicOption {
  readonly order: number;
  readonly leafName: string | null;
  readonly className: string;
  readonly classAliases: readonly { readonly folded: string; readonly text: string }[];
  readonly leafAliases: readonly { readonly folded: string; readonly text: string }[];
  /** Initials of each word of the name (社会福利 → [shfl]; 城乡建设、环境保护 → [cxjs, hjbh]). */
  readonly leafInitials: readonly string[] | null;
  readonly classInitials: readonly string[];
}

const PINYIN: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(pinyinJson.names));

function optionLabel(path: TopicPath): string {
  return path.label2 === null ? path.label1 : `${path.label1} › ${path.label2}`;
}

const indexCache = new WeakMap<Taxonomy, readonly IndexedOption[]>();

function aliasesOf(aliases: readonly string[]): { folded: string; text: string }[] {
  // An alias such as 组织机构-其他 spells the whole path; the query splitter handles those.
  return aliases.filter((a) => !/[\\/-]/.test(a)).map((text) => ({ folded: fold(text), text }));
}

function buildIndex(taxonomy: Taxonomy): readonly IndexedOption[] {
  const out: IndexedOption[] = [];
  for (const c of taxonomy.classes) {
    const classAliases = aliasesOf(c.aliases);
    const classInitials = PINYIN.get(c.name) ?? [];
    const leaves = c.children.length === 0 ? [null] : c.children;
    for (const s of leaves) {
      const path: TopicPath = { label1: c.name, label2: s?.name ?? null };
      out.push({
        path,
        key: topicKey(path),
        label: optionLabel(path),
        order: out.length,
        leafName: s ? fold(s.name) : null,
        className: fold(c.name),
        classAliases,
        leafAliases: aliasesOf(s?.aliases ?? []),
        leafInitials: s ? (PINYIN.get(s.name) ?? []) : null,
        classInitials,
      });
    }
  }
  return out;
}

function indexOf(taxonomy: Taxonomy): readonly IndexedOption[] {
  let index = indexCache.get(taxonomy);
  if (!index) {
    index = buildIndex(taxonomy);
    indexCache.set(taxonomy, index);
  }
  return index;
}

/** How an option matched, best (lowest) first. */
const RANK = {
  leafExact: 0,
  leafPrefix: 1,
  classExact: 2,
  leafContains: 3,
  classPrefix: 4,
  classContains: 5,
  alias: 6,
  leafInitials: 7,
  classInitials: 8,
  termExact: 9,
  term: 10,
  areaTerm: 11,
  termInitials: 12,
  termInQuery: 13,
} as const;

interface PartMatch {
  readonly rank: number;
  readonly hint: MatchHint | null;
  /** How many covered terms match too: more of them, the better the option fits the query. */
  readonly support: number;
}

const isInitials = (part: string): boolean => /^[a-z]+$/.test(part);

/** The whole name's initials start with the part, or one of its words' initials does (hjbh). */
function initialsMatch(words: readonly string[], part: string): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words.slice(i).join('').startsWith(part)) return true;
  }
  return false;
}

/**
 * Initials of a term match when they are the query, or start with it once it is specific enough
 * (three letters): two letters alone would match hundreds of terms.
 */
function termInitialsMatch(term: CoveredTerm, part: string): boolean {
  return term.initials === part || (part.length >= 3 && term.initials.startsWith(part));
}

/** The best term for the part and how many match; null when none does. */
function bestTerm(
  terms: readonly CoveredTerm[],
  part: string,
): { term: CoveredTerm; rank: number; count: number } | null {
  let best: { term: CoveredTerm; rank: number } | null = null;
  let count = 0;
  const initials = isInitials(part);
  for (const term of terms) {
    let rank: number | null = null;
    if (term.folded === part) rank = RANK.termExact;
    else if (term.folded.includes(part)) rank = RANK.term;
    else if (initials && termInitialsMatch(term, part)) rank = RANK.termInitials;
    else if (term.folded.length >= 2 && part.includes(term.folded)) rank = RANK.termInQuery;
    if (rank === null) continue;
    count++;
    if (
      !best ||
      rank < best.rank ||
      (rank === best.rank && term.folded.length < best.term.folded.length)
    ) {
      best = { term, rank };
    }
  }
  return best ? { ...best, count } : null;
}

function nameRank(part: string, o: IndexedOption): { rank: number; hint: MatchHint | null } | null {
  const leaf = o.leafName;
  if (leaf === part) return { rank: RANK.leafExact, hint: null };
  if (leaf?.startsWith(part)) return { rank: RANK.leafPrefix, hint: null };
  const classAlias = o.classAliases.find((a) => a.folded === part);
  if (o.className === part || classAlias) {
    return {
      rank: RANK.classExact,
      hint: classAlias ? { kind: 'alias', text: classAlias.text } : null,
    };
  }
  if (leaf?.includes(part)) return { rank: RANK.leafContains, hint: null };
  if (o.className.startsWith(part)) return { rank: RANK.classPrefix, hint: null };
  if (o.className.includes(part)) return { rank: RANK.classContains, hint: null };
  const alias = [...o.leafAliases, ...o.classAliases].find((a) => a.folded.includes(part));
  if (alias) return { rank: RANK.alias, hint: { kind: 'alias', text: alias.text } };
  if (isInitials(part)) {
    if (o.leafInitials && initialsMatch(o.leafInitials, part)) {
      return { rank: RANK.leafInitials, hint: null };
    }
    if (
      initialsMatch(o.classInitials, part) ||
      (o.leafInitials !== null && [...o.classInitials, ...o.leafInitials].join('').startsWith(part))
    ) {
      return { rank: RANK.classInitials, hint: null };
    }
  }
  return null;
}

/** How one part of the query matches the option; null = it does not. */
function partMatch(
  part: string,
  o: IndexedOption,
  coverage: TopicCoverage | null,
): PartMatch | null {
  const byName = nameRank(part, o);
  if (!coverage) return byName && { ...byName, support: 0 };
  const own = bestTerm(coverage.leaf.get(o.key) ?? [], part);
  const area = bestTerm(coverage.area.get(o.path.label1) ?? [], part);
  const support = (own?.count ?? 0) + (area?.count ?? 0);
  if (byName) return { ...byName, support };
  // The class's own terms fit each of its leaves, but less than a leaf's own term.
  const areaRank = area && area.rank <= RANK.term ? RANK.areaTerm : (area?.rank ?? null);
  const useOwn = own !== null && (areaRank === null || own.rank <= areaRank);
  const found = useOwn ? own : area;
  if (!found) return null;
  return {
    rank: useOwn ? found.rank : (areaRank ?? found.rank),
    hint: { kind: 'term', text: found.term.text },
    support,
  };
}

interface Scored {
  readonly option: IndexedOption;
  readonly rank: number;
  readonly support: number;
  readonly hint: MatchHint | null;
}

function combine(matches: readonly (PartMatch | null)[]): Omit<Scored, 'option'> | null {
  let rank = 0;
  let support = 0;
  let hint: MatchHint | null = null;
  for (const m of matches) {
    if (m === null) return null;
    rank += m.rank;
    support += m.support;
    hint ??= m.hint;
  }
  return { rank, support, hint };
}

/** For a query of two parts that names both levels (民政 其他): the class, then the leaf. */
function levelsScore(
  first: string,
  second: string,
  o: IndexedOption,
  coverage: TopicCoverage | null,
) {
  if (o.leafName === null) return null;
  const classOnly: IndexedOption = { ...o, leafName: null, leafAliases: [], leafInitials: null };
  const leafOnly: IndexedOption = { ...o, className: '', classAliases: [], classInitials: [] };
  return combine([partMatch(first, classOnly, null), partMatch(second, leafOnly, coverage)]);
}

function scoreAll(
  index: readonly IndexedOption[],
  score: (o: IndexedOption) => Omit<Scored, 'option'> | null,
): Scored[] {
  const scored: Scored[] = [];
  for (const option of index) {
    const s = score(option);
    if (s) scored.push({ option, ...s });
  }
  return scored;
}

/**
 * The options a query matches, best first: by how they match (name, then alias, initials, then the
 * terms the class covers), then by how many covered terms match, then in taxonomy order. A query may
 * name both levels, separated by a space or any of \ / - › > (`民政 其他`, `民政扶贫救灾-其他`).
 * An empty query gives every leaf in taxonomy order (122: the 121 sub-classes and the top-level 其他).
 * Without `coverage` (not loaded yet) names, aliases and initials still match.
 */
export function searchTopics(
  query: string,
  coverage: TopicCoverage | null = null,
  taxonomy: Taxonomy = TAXONOMY,
): TopicMatch[] {
  const index = indexOf(taxonomy);
  const parts = query
    .normalize('NFKC')
    .split(/[\s\\/>›|-]+/)
    .map(fold)
    .filter((p) => p !== '');
  if (parts.length === 0)
    return index.map(({ path, key, label }) => ({ path, key, label, hint: null }));
  const [first, second] = parts;
  let scored =
    parts.length === 2 && first !== undefined && second !== undefined
      ? scoreAll(index, (o) => levelsScore(first, second, o, coverage))
      : [];
  // Two words that do not name the two levels (固体 废物) must each match the option.
  if (scored.length === 0) {
    scored = scoreAll(index, (o) => combine(parts.map((p) => partMatch(p, o, coverage))));
  }
  scored.sort(
    (a, b) => a.rank - b.rank || b.support - a.support || a.option.order - b.option.order,
  );
  return scored.map(({ option: { path, key, label }, hint }) => ({ path, key, label, hint }));
}

/** Options under their level-1 class, in the order given (for the picker's grouped list). */
export interface TopicGroup {
  readonly label1: string;
  readonly options: readonly TopicMatch[];
}

/** Groups consecutive options of the same class: on an empty query, the 22 classes in order. */
export function groupByClass(options: readonly TopicMatch[]): TopicGroup[] {
  const groups: { label1: string; options: TopicMatch[] }[] = [];
  for (const o of options) {
    const last = groups[groups.length - 1];
    if (last && last.label1 === o.path.label1) last.options.push(o);
    else groups.push({ label1: o.path.label1, options: [o] });
  }
  return groups;
}
