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

/** Every search word must appear in the title, issuer, number, labels or file name. */
export function matchesFilter(r: NoticeRecord, filter: QueueFilter): boolean {
  if (filter.status !== 'all' && noticeStatus(r) !== filter.status) return false;
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = searchable(r);
  return words.every((w) => hay.includes(w));
}

/** How sure the classifier is: the first suggestion's score, pending before decided. */
function certainty(r: NoticeRecord): number {
  return r.suggestions?.[0]?.score ?? 0;
}

const collator = new Intl.Collator('zh-CN');

type Compare = (a: NoticeRecord, b: NoticeRecord) => number;

/** Text order in the given direction; empty values go last either way, as spreadsheets do. */
function byText(value: (r: NoticeRecord) => string | null, sign: number): Compare {
  return (a, b) => {
    const va = value(a) ?? '';
    const vb = value(b) ?? '';
    if (va === vb) return 0;
    if (va === '') return 1;
    if (vb === '') return -1;
    return sign * collator.compare(va, vb);
  };
}

function comparator(key: SortKey, sign: number): Compare {
  switch (key) {
    case 'arrival':
      return () => 0;
    case 'uncertainFirst':
      return (a, b) =>
        STATUS_ORDER[noticeStatus(a)] - STATUS_ORDER[noticeStatus(b)] ||
        certainty(a) - certainty(b);
    case 'status':
      return (a, b) => sign * (STATUS_ORDER[noticeStatus(a)] - STATUS_ORDER[noticeStatus(b)]);
    case 'score':
      return (a, b) => sign * (certainty(a) - certainty(b));
    case 'title':
      return byText((r) => r.meta.title ?? r.source.name, sign);
    case 'issuer':
      return byText((r) => r.meta.issuer, sign);
    case 'docNumber':
      return byText((r) => r.meta.docNumber, sign);
    case 'writtenDate':
      return byText((r) => r.meta.writtenDate, sign);
  }
}

/**
 * The ids to show, in order. `ids` is the arrival order, which also breaks ties so the order is
 * stable; descending arrival is newest first.
 */
export function queueOrder(
  ids: readonly string[],
  byId: ReadonlyMap<string, NoticeRecord>,
  filter: QueueFilter,
  sort: QueueSort,
): string[] {
  const rows: { id: string; r: NoticeRecord; i: number }[] = [];
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (r && matchesFilter(r, filter)) rows.push({ id, r, i });
  });
  const compare = comparator(sort.key, sort.desc ? -1 : 1);
  const tie = sort.key === 'arrival' && sort.desc ? -1 : 1;
  rows.sort((x, y) => compare(x.r, y.r) || tie * (x.i - y.i));
  return rows.map((row) => row.id);
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
