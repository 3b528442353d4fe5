/**
 * The queue's order and filter: what the clerk sees, given search text, a status and a sort key.
 * Pure so that 10,000 rows are sorted and filtered the same way in tests and in the app.
 */
import { topicKey } from '../taxonomy/taxonomy';
import { noticeStatus, type NoticeRecord, type NoticeStatus } from './record';

export type SortKey =
  | 'arrival'
  | 'uncertainFirst'
  | 'title'
  | 'status'
  | 'score'
  | 'issuer'
  | 'docNumber'
  | 'writtenDate';

export interface QueueSort {
  readonly key: SortKey;
  readonly desc: boolean;
}

export interface QueueFilter {
  readonly text: string;
  readonly status: NoticeStatus | 'all';
}

export const DEFAULT_FILTER: QueueFilter = { text: '', status: 'all' };
export const DEFAULT_SORT: QueueSort = { key: 'arrival', desc: false };

const STATUS_ORDER: Readonly<Record<NoticeStatus, number>> = {
  pending: 0,
  overridden: 1,
  confirmed: 2,
};

function searchable(r: NoticeRecord): string {
  const m = r.meta;
  const paths = [r.suggestions?.[0]?.path, r.decision?.path, r.originalTopic]
    .flatMap((p) => (p ? [topicKey(p)] : []))
    .join(' ');
  return [m.title, m.issuer, m.docNumber, m.indexNo, m.topicRaw, r.source.name, paths]
    .filter((v) => v !== null)
    .join(' ')
    .toLowerCase();
}

function searchWords(filter: QueueFilter): string[] {
  return filter.text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** How sure the classifier is: the first suggestion's score, pending before decided. */
function certainty(r: NoticeRecord): number {
  return r.suggestions?.[0]?.score ?? 0;
}

const collator = new Intl.Collator('zh-CN');

export type TextKey = 'title' | 'issuer' | 'docNumber' | 'writtenDate';

const TEXT_VALUE: Readonly<Record<TextKey, (r: NoticeRecord) => string | null>> = {
  title: (r) => r.meta.title ?? r.source.name,
  issuer: (r) => r.meta.issuer,
  docNumber: (r) => r.meta.docNumber,
  writtenDate: (r) => r.meta.writtenDate,
};

function isTextKey(key: SortKey): key is TextKey {
  return key in TEXT_VALUE;
}

/**
 * What sorting and filtering 10,000 rows need beyond the records, kept between calls: each record's
 * search text (records are immutable, so it is built once per record version), and per text column
 * the collation rank of every value seen, so a re-sort after a decision compares numbers, and the
 * collator runs again only when new values arrive. One per store.
 */
export interface QueueIndex {
  readonly search: WeakMap<NoticeRecord, string>;
  readonly collation: Map<TextKey, Collation>;
}

/** The distinct values of a text column in collation order, and each one's rank (equal values share one). */
interface Collation {
  readonly sorted: string[];
  /** Whether each value compares equal to the one before it. */
  readonly sameAsBefore: boolean[];
  ranks: Map<string, number>;
}

export function createQueueIndex(): QueueIndex {
  return { search: new WeakMap(), collation: new Map() };
}

function searchTextOf(index: QueueIndex, r: NoticeRecord): string {
  let text = index.search.get(r);
  if (text === undefined) {
    text = searchable(r);
    index.search.set(r, text);
  }
  return text;
}

function rankAll(sorted: readonly string[], sameAsBefore: readonly boolean[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((v, i) => {
    if (i > 0 && !sameAsBefore[i]) rank++;
    ranks.set(v, rank);
  });
  return ranks;
}

/**
 * The rank of each value in collation order. New values are put in place by binary search (a batch
 * of 200 new titles costs a few thousand comparisons, not a sort of all 10,000); many at once, or
 * the first time, are sorted.
 */
function ranksFor(index: QueueIndex, key: TextKey, values: readonly string[]): Map<string, number> {
  const known = index.collation.get(key);
  const fresh = [...new Set(values.filter((v) => v !== '' && !known?.ranks.has(v)))];
  if (known && fresh.length === 0) return known.ranks;
  if (!known || fresh.length > known.sorted.length / 8) {
    const sorted = [...new Set([...(known?.sorted ?? []), ...fresh])].sort(collator.compare);
    const sameAsBefore = sorted.map(
      (v, i) => i > 0 && collator.compare(sorted[i - 1] ?? '', v) === 0,
    );
    const collation = { sorted, sameAsBefore, ranks: rankAll(sorted, sameAsBefore) };
    index.collation.set(key, collation);
    return collation.ranks;
  }
  const { sorted, sameAsBefore } = known;
  for (const v of fresh) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (collator.compare(sorted[mid] ?? '', v) <= 0) lo = mid + 1;
      else hi = mid;
    }
    sorted.splice(lo, 0, v);
    sameAsBefore.splice(lo, 0, lo > 0 && collator.compare(sorted[lo - 1] ?? '', v) === 0);
    if (lo + 1 < sorted.length) {
      sameAsBefore[lo + 1] = collator.compare(v, sorted[lo + 1] ?? '') === 0;
    }
  }
  known.ranks = rankAll(sorted, sameAsBefore);
  return known.ranks;
}

/**
 * Brings the collation ranks of a text column up to date with the notices, so that the first click
 * on its header after an import compares numbers instead of sorting every value.
 */
export function warmSortKeys(
  ids: readonly string[],
  byId: ReadonlyMap<string, NoticeRecord>,
  key: TextKey,
  index: QueueIndex,
): void {
  const value = TEXT_VALUE[key];
  const values: string[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (r) values.push(value(r) ?? '');
  }
  ranksFor(index, key, values);
}

/**
 * All the ids, in the order of `sort`. `ids` is the arrival order, which also breaks ties so the
 * order is stable; descending arrival is newest first. Text columns put empty values last either
 * way, as spreadsheets do; the least certain first are pending before decided, whatever direction.
 */
export function sortedIds(
  ids: readonly string[],
  byId: ReadonlyMap<string, NoticeRecord>,
  sort: QueueSort,
  index: QueueIndex,
): string[] {
  const present: string[] = [];
  const records: NoticeRecord[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (r) {
      present.push(id);
      records.push(r);
    }
  }
  const n = present.length;
  if (sort.key === 'arrival') return sort.desc ? present.reverse() : present;
  const sign = sort.desc ? -1 : 1;
  // Keys computed once per row: the comparator below reads numbers only.
  const primary = new Float64Array(n);
  const secondary = new Float64Array(n);
  const empty = new Uint8Array(n);
  if (isTextKey(sort.key)) {
    const value = TEXT_VALUE[sort.key];
    const values = records.map((r) => value(r) ?? '');
    const ranks = ranksFor(index, sort.key, values);
    values.forEach((v, i) => {
      empty[i] = v === '' ? 1 : 0;
      primary[i] = sign * (ranks.get(v) ?? 0);
    });
  } else {
    const uncertain = sort.key === 'uncertainFirst';
    records.forEach((r, i) => {
      const status = STATUS_ORDER[noticeStatus(r)];
      if (uncertain) {
        primary[i] = status;
        secondary[i] = certainty(r);
      } else primary[i] = sign * (sort.key === 'status' ? status : certainty(r));
    });
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => {
    const ex = empty[x] ?? 0;
    const ey = empty[y] ?? 0;
    if (ex !== ey) return ex - ey;
    return (
      (primary[x] ?? 0) - (primary[y] ?? 0) || (secondary[x] ?? 0) - (secondary[y] ?? 0) || x - y
    );
  });
  return order.map((i) => present[i] ?? '');
}

/** The ids of `sorted` that pass the filter (every search word in the title, issuer, number, labels or file name), in the same order. */
export function filteredIds(
  sorted: readonly string[],
  byId: ReadonlyMap<string, NoticeRecord>,
  filter: QueueFilter,
  index: QueueIndex,
): readonly string[] {
  const words = searchWords(filter);
  if (filter.status === 'all' && words.length === 0) return sorted;
  return sorted.filter((id) => {
    const r = byId.get(id);
    if (!r) return false;
    if (filter.status !== 'all' && noticeStatus(r) !== filter.status) return false;
    if (words.length === 0) return true;
    const hay = searchTextOf(index, r);
    return words.every((w) => hay.includes(w));
  });
}

/** The ids to show, in order (sortedIds, then filteredIds, with an index of their own). */
export function queueOrder(
  ids: readonly string[],
  byId: ReadonlyMap<string, NoticeRecord>,
  filter: QueueFilter,
  sort: QueueSort,
): readonly string[] {
  const index = createQueueIndex();
  return filteredIds(sortedIds(ids, byId, sort, index), byId, filter, index);
}

/** The notice to show after a decision: the next pending one below, else the next one, else none. */
export function nextId(
  order: readonly string[],
  byId: ReadonlyMap<string, NoticeRecord>,
  current: string | null,
  step: 1 | -1,
): string | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (step === -1) return order[Math.max(0, at - 1)] ?? null;
  for (let i = at + 1; i < order.length; i++) {
    const id = order[i];
    const r = id === undefined ? undefined : byId.get(id);
    if (r && r.decision === null) return id ?? null;
  }
  return order[Math.min(order.length - 1, at + 1)] ?? null;
}
