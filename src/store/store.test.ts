/**
 * The store keeps the desk's promise that nothing is ever lost: every behaviour here runs the real
 * store, the real IndexedDB adapter (on fake-indexeddb) and the workers' own code, in node.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../domain/export/file-name';
import { searchTopics } from '../domain/taxonomy';
import { openDeskDb, type DeskDb } from '../lib/db';
import {
  desksStoppedAfterEach,
  eventually,
  freshDatabase,
  type TestDesk,
} from './test-support/desk';

const NOTICE = readFileSync(
  new URL('../domain/notice/fixtures/shanghai-format-notice.txt', import.meta.url),
  'utf8',
);
const TITLE = '2021年示范区民政工作要点';
const SECOND = [
  '发文字号:',
  '沪示办〔2022〕3号',
  '关于做好夏季防汛防台工作的通知',
  '各区防汛指挥部:请做好汛期值班、积水点排查和防汛物资储备工作。',
].join('\n');
const KEJI = { label1: '科技、教育', label2: '科技' };
const MINZHENG = { label1: '民政、扶贫、救灾', label2: '其他' };

const desk = desksStoppedAfterEach();

async function add(d: TestDesk, text: string): Promise<string> {
  const result = await d.store.getState().addPaste(text);
  if (result.firstId === null) throw new Error(`not added: ${JSON.stringify(result)}`);
  return result.firstId;
}

async function stored(database: ReturnType<typeof freshDatabase>, id: string) {
  const opened = await openDeskDb(database);
  if (!opened.ok) throw new Error('storage did not open');
  const [record] = await opened.db.get([id]);
  opened.db.close();
  return record;
}

function csvRows(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

describe('import → decide → export', () => {
  it('adds pasted notices, records a decision in one update, saves it, and exports it as the clerk sees it', async () => {
    const database = freshDatabase();
    const d = await desk({ database });
    const first = await add(d, NOTICE);
    const second = await add(d, SECOND);
    expect(d.store.getState().ids).toEqual([first, second]);
    expect(await d.store.getState().addPaste(NOTICE)).toMatchObject({ added: 0, duplicates: 1 });

    let updates = 0;
    const unsubscribe = d.store.subscribe(() => updates++);
    d.store.getState().decide(first, KEJI);
    unsubscribe();
    expect(updates).toBe(1);
    const decided = d.store.getState().byId.get(first);
    expect(decided?.decision).toMatchObject({ path: KEJI, status: 'overridden' });
    expect(d.store.getState().undoStack).toHaveLength(1);
    await eventually(async () => (await stored(database, first))?.decision !== null);

    await d.store.getState().exportCsv('all');
    const [csv] = d.downloads;
    expect(csv?.name).toBe(exportFileName(new Date('2026-12-01T09:30:00Z'), 'csv'));
    const rows = csvRows(csv?.text ?? '');
    expect(rows.map((r) => [r['标题'], r['状态'], r['最终主题分类']])).toEqual([
      [TITLE, '已改标', '科技、教育-科技'],
      ['关于做好夏季防汛防台工作的通知', '待确认', ''],
    ]);

    // A reload (a new store on the same database) finds the decision.
    const reloaded = await desk({ database });
    expect(reloaded.store.getState().byId.get(first)?.decision?.path).toEqual(KEJI);
  });

  it('exports every notice in the queue’s current order, not the order they arrived in', async () => {
    const d = await desk();
    await add(d, NOTICE);
    await add(d, SECOND);
    // Newest first, and a filter that shows only the second notice.
    d.store.getState().setSort({ key: 'arrival', desc: true });
    d.store.getState().setFilter({ text: '防汛' });
    await d.store.getState().exportCsv('all');
    await d.store.getState().exportCsv('visible');
    const [all, visible] = d.downloads.map((f) => csvRows(f.text).map((r) => r['标题']));
    expect(all).toEqual(['关于做好夏季防汛防台工作的通知', TITLE]);
    expect(visible).toEqual(['关于做好夏季防汛防台工作的通知']);
  });

  it('reads each notice once: the worker’s parse serves the review pane too', async () => {
    const d = await desk();
    const id = await add(d, NOTICE);
    d.store.getState().select(id);
    await eventually(() => d.store.getState().current?.pending === false);
    expect(d.store.getState().current?.parsed?.title?.text).toBe(TITLE);
    expect(d.store.getState().current?.classification?.top.length).toBeGreaterThan(0);
    d.store.getState().decide(id, MINZHENG);
    await eventually(() => d.store.getState().learning.local?.updates === 1);
    expect(d.workers.parsed).toEqual([NOTICE]);
  });

  it('undo puts the notice back as it was and saves that too', async () => {
    const database = freshDatabase();
    const d = await desk({ database });
    const id = await add(d, NOTICE);
    d.store.getState().decide(id, KEJI);
    await eventually(async () => (await stored(database, id))?.decision !== null);
    d.store.getState().undo();
    expect(d.store.getState().byId.get(id)?.decision).toBeNull();
    expect(d.store.getState().undoStack).toEqual([]);
    await eventually(async () => (await stored(database, id))?.decision === null);
  });
});

describe('resume from a desk JSONL', () => {
  it('restores every notice and decision on another machine, and saves them there', async () => {
    const a = await desk();
    const first = await add(a, NOTICE);
    await add(a, SECOND);
    a.store.getState().decide(first, KEJI);
    await a.store.getState().exportJsonl('all');
    const jsonl = a.downloads[0]?.text ?? '';

    const database = freshDatabase();
    const b = await desk({ database });
    const resumed = await b.store.getState().importDeskJsonl(new File([jsonl], 'work.jsonl'));
    expect(resumed).toEqual({ read: 2, added: 2, updated: 0, kept: 0, errors: 0 });
    expect(b.store.getState().intake.errors).toEqual([]);
    expect(b.store.getState().ids).toEqual(a.store.getState().ids);
    expect(b.store.getState().byId.get(first)?.decision?.path).toEqual(KEJI);
    expect((await stored(database, first))?.decision?.path).toEqual(KEJI);
  });

  it('never lets an older export undo newer work, and names each bad line', async () => {
    const d = await desk();
    const id = await add(d, NOTICE);
    await d.store.getState().exportJsonl('all');
    const before = d.downloads[0]?.text ?? '';
    d.store.getState().decide(id, KEJI);
    const broken = `${before.trimEnd()}\n{not json\n`;
    const resumed = await d.store.getState().importDeskJsonl(new File([broken], 'old.jsonl'));
    expect(resumed).toEqual({ read: 1, added: 0, updated: 0, kept: 1, errors: 1 });
    expect(d.store.getState().byId.get(id)?.decision?.path).toEqual(KEJI);
    expect(d.store.getState().intake.errors).toEqual([
      { about: { file: 'old.jsonl', line: 3 }, reason: { code: 'jsonlBadJson' } },
    ]);
  });
});

describe('revision-checked writes', () => {
  it('lands a decision on top of a re-score another tab saved meanwhile', async () => {
    const database = freshDatabase();
    const d = await desk({ database });
    const id = await add(d, NOTICE);
    const mine = d.store.getState().byId.get(id);
    if (!mine) throw new Error('not added');
    // Another tab re-scored the notice (suggestions only) and saved it first.
    const other = await openDeskDb(database);
    if (!other.ok) throw new Error('storage did not open');
    const rescored = { ...mine, suggestions: [{ path: KEJI, score: 0.61 }], rev: mine.rev + 1 };
    expect(await other.db.putIfUnchanged(rescored)).toEqual({ ok: true });
    other.db.close();

    d.store.getState().decide(id, MINZHENG);
    await eventually(async () => (await stored(database, id))?.decision !== null);
    const saved = await stored(database, id);
    expect(saved?.decision?.path).toEqual(MINZHENG);
    expect(saved?.suggestions).toEqual(rescored.suggestions);
    expect(saved?.rev).toBe(rescored.rev + 1);
    // The tab shows what was saved, not its own older suggestions.
    await eventually(() => d.store.getState().byId.get(id)?.rev === saved?.rev);
    expect(d.store.getState().storage.status).toBe('ok');
  });
});

describe('two tabs on one database', () => {
  it('deciding the same notice: the first decision stays, the second tab is told and shown it', async () => {
    const database = freshDatabase();
    const a = await desk({ database });
    const id = await add(a, NOTICE);
    const b = await desk({ database });
    expect(b.store.getState().byId.has(id)).toBe(true);

    // Both clerks decide at the same moment, each on the version it loaded: B's write lands first.
    b.store.getState().decide(id, KEJI);
    a.store.getState().decide(id, MINZHENG);

    await eventually(() => a.store.getState().storage.status === 'conflict');
    expect(a.store.getState().storage.problem?.code).toBe('conflictNotSaved');
    expect(a.store.getState().byId.get(id)?.decision?.path).toEqual(KEJI);
    expect(a.store.getState().undoStack).toEqual([]);
    expect((await stored(database, id))?.decision?.path).toEqual(KEJI);
    expect(b.store.getState().storage.status).toBe('ok');
    expect(b.store.getState().byId.get(id)?.decision?.path).toEqual(KEJI);
  });

  it('a decision in one tab reaches the other, which says so when the clerk is reading that notice', async () => {
    const database = freshDatabase();
    const a = await desk({ database });
    const id = await add(a, NOTICE);
    const b = await desk({ database });
    b.store.getState().select(id);
    a.store.getState().decide(id, KEJI);
    await eventually(() => b.store.getState().byId.get(id)?.decision !== null);
    expect(b.store.getState().byId.get(id)?.decision?.path).toEqual(KEJI);
    expect(b.store.getState().storage).toEqual({
      status: 'conflict',
      problem: { code: 'conflictLoaded' },
    });
    b.store.getState().dismissConflict();
    expect(b.store.getState().storage.status).toBe('ok');
  });
});

describe('a full disk', () => {
  it('keeps the decision on screen, says the disk is full, and still exports it', async () => {
    const full = (db: DeskDb): DeskDb => {
      const quota = (): Promise<never> =>
        Promise.reject(new DOMException('quota', 'QuotaExceededError'));
      return {
        ...db,
        readOnly: db.readOnly,
        loadAll: () => db.loadAll(),
        get: (ids) => db.get(ids),
        getMeta: (key) => db.getMeta(key),
        onRemoteChange: (listener) => db.onRemoteChange(listener),
        close: () => db.close(),
        addRecords: quota,
        putRecords: quota,
        putIfUnchanged: quota,
        putMeta: quota,
      };
    };
    const d = await desk({ wrapDb: full });
    const id = await add(d, NOTICE);
    expect(d.store.getState().storage).toEqual({
      status: 'quota',
      problem: { code: 'storageQuotaLost' },
    });
    d.store.getState().decide(id, KEJI);
    expect(d.store.getState().byId.get(id)?.decision?.path).toEqual(KEJI);
    await d.store.getState().exportCsv('all');
    expect(csvRows(d.downloads[0]?.text ?? '')[0]?.['最终主题分类']).toBe('科技、教育-科技');
    d.store.getState().setSettings({ language: 'en' });
    await eventually(() => d.store.getState().storage.status === 'quota');
    expect(d.store.getState().settings.language).toBe('en');
  });
});

describe('the picker’s terms', () => {
  it('are fetched once, on demand, and find a class by what it covers', async () => {
    const d = await desk({ database: freshDatabase() });
    expect(searchTopics('固体废物', d.store.getState().topicCoverage)).toEqual([]);

    d.store.getState().loadTopicCoverage();
    await eventually(() => d.store.getState().topicCoverage !== null);
    const coverage = d.store.getState().topicCoverage;
    expect(searchTopics('固体废物', coverage)[0]).toMatchObject({
      label: '城乡建设、环境保护 › 环境监测、保护与治理',
      hint: { kind: 'term', text: '固体废物' },
    });
    d.store.getState().loadTopicCoverage();
    expect(d.store.getState().topicCoverage).toBe(coverage);
  });
});

describe('importing a labelled history (issue 11)', () => {
  const A = '关于做好养老服务工作的通知\n各区民政局：请做好养老服务。';
  const B = '关于开展固体废物专项整治的通知\n各区生态环境局：请开展整治。';
  const jsonl = (name: string, lines: readonly { text: string; label: string }[]) =>
    new File([lines.map((l) => JSON.stringify(l)).join('\n')], name);
  const labelOf = (d: TestDesk, text: string) =>
    d.store.getState().learning.history.find((h) => h.text === text)?.labelRaw;

  it('merges nothing while labels conflict, then lets the clerk’s choice win', async () => {
    const d = await desk();
    await d.store.getState().importHistory([
      jsonl('old.jsonl', [
        { text: A, label: '民政、扶贫、救灾\\社会福利' },
        { text: B, label: '城乡建设、环境保护\\环境监测、保护与治理' },
      ]),
    ]);
    expect(d.store.getState().learning.pendingImport).toBeNull();
    expect(d.store.getState().learning.history).toHaveLength(2);

    await d.store.getState().importHistory([
      jsonl('new.jsonl', [
        { text: A, label: '劳动、人事、监察\\社会保障' },
        { text: B, label: '城乡建设、环境保护/环境监测、保护与治理' },
      ]),
    ]);
    const pending = d.store.getState().learning.pendingImport;
    expect(pending?.report.counts).toEqual({ new: 0, same: 1, duplicate: 0, conflict: 1 });
    expect(labelOf(d, A)).toBe('民政、扶贫、救灾\\社会福利');

    const conflict = pending?.report.conflicts[0];
    const theirs = conflict?.labels.find((l) => !l.inHistory);
    expect(theirs?.labelRaw).toBe('劳动、人事、监察\\社会保障');
    await d.store
      .getState()
      .resolveImport(new Map([[conflict?.key ?? '', theirs?.labelKey ?? '']]));
    expect(d.store.getState().learning.pendingImport).toBeNull();
    expect(labelOf(d, A)).toBe('劳动、人事、监察\\社会保障');
    expect(d.store.getState().learning.history).toHaveLength(2);
    expect(d.store.getState().learning.importReport).toMatchObject({
      code: 'historyImported',
      params: { read: 2, added: 0 },
    });
  });

  it('a discarded import leaves the history as it was', async () => {
    const d = await desk();
    await d.store.getState().importHistory([
      jsonl('a.jsonl', [
        { text: A, label: '民政、扶贫、救灾\\社会福利' },
        { text: A, label: '劳动、人事、监察\\社会保障' },
      ]),
    ]);
    expect(d.store.getState().learning.pendingImport?.report.conflicts).toHaveLength(1);
    d.store.getState().discardImport();
    expect(d.store.getState().learning.pendingImport).toBeNull();
    expect(d.store.getState().learning.history).toEqual([]);
  });
});

describe('nothing lost on close (issue 11)', () => {
  it('flush (on pagehide) stores the decision and the model that learnt it at once, then says saved', async () => {
    const database = freshDatabase();
    const d = await desk({ database });
    const id = await add(d, NOTICE);
    d.store.getState().decide(id, KEJI);
    expect(d.store.getState().saving).toBe(true);
    await d.store.getState().flush();
    expect(d.store.getState().saving).toBe(false);
    expect(d.store.getState().learning.local?.updates).toBe(1);

    // The page is gone: a new store on the same database finds both, with no save timer run.
    d.store.getState().stop();
    const reopened = await desk({ database });
    expect(reopened.store.getState().byId.get(id)?.decision?.path).toEqual(KEJI);
    await eventually(() => reopened.store.getState().learning.local !== null);
    expect(reopened.store.getState().learning.local?.updates).toBe(1);
  });
});
