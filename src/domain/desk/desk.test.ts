import { describe, expect, it } from 'vitest';
import { exportFileName } from '../export/file-name';
import { EMPTY_META, makeRecord } from '../export/test-support/records';
import { firstArrival } from './collection';
import { checkPaste, MAX_PASTE_CHARS } from '../intake/paste';
import { decisionFor, rebaseDecision, withDecision } from './decide';
import { importedRecord, isNewer, preferImported } from './merge';
import {
  createQueueIndex,
  DEFAULT_FILTER,
  DEFAULT_SORT,
  filteredIds,
  nextId,
  queueOrder,
  sortedIds,
  warmSortKeys,
} from './queue';
import type { NoticeRecord } from './record';
import { checkSchema, migrateRecord, readStoredRecord, STORE_SCHEMA_VERSION } from './stored';

const MINZHENG = { label1: '民政、扶贫、救灾', label2: '其他' };
const KEJI = { label1: '科技、教育', label2: '科技' };

function row(
  id: string,
  over: Partial<NoticeRecord> = {},
  meta: Partial<NoticeRecord['meta']> = {},
): NoticeRecord {
  return makeRecord({ id, decision: null, ...over, meta: { ...EMPTY_META, ...meta } });
}

describe('decisions', () => {
  const pending = makeRecord({ decision: null, rev: 4 });

  it('taking the first suggestion is 已确认, anything else 已改标', () => {
    expect(decisionFor(pending, MINZHENG, 't').status).toBe('confirmed');
    expect(decisionFor(pending, KEJI, 't').status).toBe('overridden');
    expect(decisionFor(makeRecord({ suggestions: null }), MINZHENG, 't').status).toBe('overridden');
  });

  it('every change bumps the revision that guards against other tabs', () => {
    const decided = withDecision(pending, decisionFor(pending, KEJI, '2026-11-29T01:00:00Z'));
    expect(decided.rev).toBe(5);
    expect(decided.decision?.decidedAt).toBe('2026-11-29T01:00:00Z');
    expect(withDecision(decided, null).decision).toBeNull();
  });
});

describe('queue order and filter', () => {
  const a = row(
    'a',
    { suggestions: [{ path: MINZHENG, score: 0.9 }] },
    { title: '乙通知', issuer: '民政局' },
  );
  const b = row(
    'b',
    { suggestions: [{ path: KEJI, score: 0.3 }] },
    { title: '甲通知', issuer: null, docNumber: '沪科〔2020〕1号' },
  );
  const c = row(
    'c',
    {
      suggestions: [{ path: KEJI, score: 0.1 }],
      decision: { path: KEJI, status: 'confirmed', decidedAt: 't' },
    },
    { title: '丙通知', issuer: '科委' },
  );
  const byId = new Map([a, b, c].map((r) => [r.id, r]));
  const ids = ['a', 'b', 'c'];

  it('keeps arrival order by default and newest first when reversed', () => {
    expect(queueOrder(ids, byId, DEFAULT_FILTER, DEFAULT_SORT)).toEqual(['a', 'b', 'c']);
    expect(queueOrder(ids, byId, DEFAULT_FILTER, { key: 'arrival', desc: true })).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('least certain first puts pending notices first, lowest score first', () => {
    expect(queueOrder(ids, byId, DEFAULT_FILTER, { key: 'uncertainFirst', desc: false })).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('sorts by score and by issuer in pinyin order both ways, empty values last either way', () => {
    expect(queueOrder(ids, byId, DEFAULT_FILTER, { key: 'score', desc: true })).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(queueOrder(ids, byId, DEFAULT_FILTER, { key: 'issuer', desc: false })).toEqual([
      'c',
      'a',
      'b',
    ]);
    expect(queueOrder(ids, byId, DEFAULT_FILTER, { key: 'issuer', desc: true })).toEqual([
      'a',
      'c',
      'b',
    ]);
  });

  it('filters by status and by every search word over title, number and labels', () => {
    expect(queueOrder(ids, byId, { text: '', status: 'pending' }, DEFAULT_SORT)).toEqual([
      'a',
      'b',
    ]);
    expect(queueOrder(ids, byId, { text: '沪科 甲', status: 'all' }, DEFAULT_SORT)).toEqual(['b']);
    expect(queueOrder(ids, byId, { text: '科技', status: 'all' }, DEFAULT_SORT)).toEqual([
      'b',
      'c',
    ]);
    expect(queueOrder(ids, byId, { text: '没有这个词', status: 'all' }, DEFAULT_SORT)).toEqual([]);
  });

  it('an index kept between sorts places a notice with a new title and a changed record as a fresh sort does', () => {
    const index = createQueueIndex();
    const byTitle = { key: 'title', desc: false } as const;
    expect(sortedIds(ids, byId, byTitle, index)).toEqual(['c', 'b', 'a']);
    const d = row('d', { suggestions: [{ path: KEJI, score: 0.5 }] }, { title: '丁通知' });
    const renamed = { ...c, meta: { ...c.meta, title: null } };
    const later = new Map([...byId, ['d', d], ['c', renamed]]);
    const laterIds = [...ids, 'd'];
    expect(sortedIds(laterIds, later, byTitle, index)).toEqual(
      queueOrder(laterIds, later, DEFAULT_FILTER, byTitle),
    );
    const sorted = sortedIds(laterIds, later, byTitle, index);
    expect(filteredIds(sorted, later, { text: '丁', status: 'all' }, index)).toEqual(['d']);
  });

  it('an index warmed batch by batch sorts titles as a fresh sort does, equal-looking titles included', () => {
    const titles = ['乙', '甲', '丙', 'ａ', 'a', 'A', '甲乙', '阿', '', '啊', '１', '1'];
    const records = Array.from({ length: 240 }, (_, i) =>
      row(
        `r${i}`,
        {},
        { title: `${titles[(i * 7) % titles.length] ?? ''}${i % 5 === 0 ? '' : i % 13}` },
      ),
    );
    const all = new Map(records.map((r) => [r.id, r]));
    const allIds = records.map((r) => r.id);
    const index = createQueueIndex();
    for (let n = 40; n <= allIds.length; n += 4) {
      warmSortKeys(allIds.slice(0, n), all, 'title', index);
    }
    for (const desc of [false, true]) {
      const sort = { key: 'title', desc } as const;
      expect(sortedIds(allIds, all, sort, index)).toEqual(
        queueOrder(allIds, all, DEFAULT_FILTER, sort),
      );
    }
  });

  it('after a decision moves to the next pending notice, skipping decided ones', () => {
    const order = ['a', 'c', 'b'];
    expect(nextId(order, byId, 'a', 1)).toBe('b');
    expect(nextId(order, byId, 'b', 1)).toBe('b');
    expect(nextId(order, byId, 'b', -1)).toBe('c');
    expect(nextId([], byId, null, 1)).toBeNull();
  });
});

describe('stored data', () => {
  it('opens current and older data, refuses newer data and says which versions', () => {
    expect(checkSchema(null)).toEqual({ ok: true, migrateFrom: null });
    expect(checkSchema(STORE_SCHEMA_VERSION)).toEqual({ ok: true, migrateFrom: null });
    expect(checkSchema(1)).toEqual({ ok: true, migrateFrom: 1 });
    const newer = checkSchema(STORE_SCHEMA_VERSION + 1);
    expect(newer.ok).toBe(false);
    if (!newer.ok) {
      expect(newer.problem).toEqual({
        code: 'storageNewerReadOnly',
        params: { stored: STORE_SCHEMA_VERSION + 1, supported: STORE_SCHEMA_VERSION },
      });
    }
  });

  it('migrates a version-1 record (no revision) into a readable record', () => {
    const v1: Record<string, unknown> = { ...makeRecord() };
    delete v1.rev;
    expect(readStoredRecord(v1)).toBeNull();
    const migrated = readStoredRecord(migrateRecord(v1, 1));
    expect(migrated?.rev).toBe(1);
    expect(migrated?.decision?.path).toEqual(MINZHENG);
  });

  it('skips values that are not records', () => {
    expect(readStoredRecord(null)).toBeNull();
    expect(readStoredRecord({ id: 'x' })).toBeNull();
    expect(readStoredRecord(makeRecord({ decision: { path: 'x' } as never }))).toBeNull();
  });
});

describe('resuming from a JSONL export', () => {
  it('never lets an old export undo newer work', () => {
    const local = makeRecord({ rev: 5 });
    expect(preferImported(undefined, local)).toBe(true);
    expect(preferImported(local, makeRecord({ rev: 9, decision: null }))).toBe(false);
    expect(preferImported(makeRecord({ decision: null, rev: 7 }), makeRecord({ rev: 2 }))).toBe(
      true,
    );
    expect(preferImported(local, makeRecord({ rev: 4 }))).toBe(false);
    expect(preferImported(local, makeRecord({ rev: 6 }))).toBe(true);
  });
});

describe('paste and file names', () => {
  it('refuses an empty or whitespace paste, and a paste too long for one notice', () => {
    for (const text of ['', '   \n\t　']) {
      const r = checkPaste(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toEqual({ code: 'pasteEmpty' });
    }
    expect(checkPaste('x'.repeat(MAX_PASTE_CHARS + 1)).ok).toBe(false);
    expect(checkPaste('关于做好防汛工作的通知').ok).toBe(true);
  });

  it('names exports by local date and time', () => {
    expect(exportFileName(new Date(2026, 2, 1, 9, 5), 'csv')).toBe(
      '主题分类标注-20260301-0905.csv',
    );
  });
});

describe('a decision racing another tab', () => {
  const base = makeRecord({ decision: null, rev: 2 });
  const mine = withDecision(base, decisionFor(base, KEJI, '2026-11-29T02:00:00Z'));

  it('lands on top of a version that was only re-scored elsewhere', () => {
    const rescored = { ...base, suggestions: [{ path: KEJI, score: 0.6 }], rev: 3 };
    const rebased = rebaseDecision(rescored, mine, base);
    expect(rebased?.rev).toBe(4);
    expect(rebased?.decision?.path).toEqual(KEJI);
    expect(rebased?.suggestions).toEqual(rescored.suggestions);
  });

  it('is a conflict when the other tab decided the notice', () => {
    const decided = withDecision(base, decisionFor(base, MINZHENG, '2026-11-29T01:59:00Z'));
    expect(rebaseDecision(decided, mine, base)).toBeNull();
  });
});

describe('versions from elsewhere', () => {
  it('an imported version that wins is stored above the desk’s revision, so every tab takes it', () => {
    const local = makeRecord({ decision: null, rev: 7 });
    const kept = importedRecord(local, makeRecord({ rev: 2 }));
    expect(kept?.rev).toBe(8);
    expect(kept?.decision).not.toBeNull();
    expect(importedRecord(makeRecord({ rev: 5 }), makeRecord({ rev: 4 }))).toBeNull();
    expect(importedRecord(undefined, makeRecord({ rev: 3 }))?.rev).toBe(3);
  });

  it('another tab’s version replaces this tab’s only when it is newer', () => {
    expect(isNewer(makeRecord({ rev: 3 }), makeRecord({ rev: 2 }))).toBe(true);
    expect(isNewer(makeRecord({ rev: 2 }), makeRecord({ rev: 2 }))).toBe(false);
    expect(isNewer(makeRecord({ rev: 1 }), undefined)).toBe(true);
  });
});

describe('arrival times', () => {
  const now = new Date('2026-12-01T09:30:00.000Z');
  it('is the clock on an empty desk or when the clock has moved on', () => {
    expect(firstArrival(now, undefined)).toBe(now.getTime());
    expect(firstArrival(now, '2026-12-01T09:29:59.000Z')).toBe(now.getTime());
  });
  it('follows the newest notice when the clock has not moved past it', () => {
    expect(firstArrival(now, '2026-12-01T09:30:00.199Z')).toBe(now.getTime() + 200);
  });
});
