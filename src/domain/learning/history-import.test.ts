/** Issue 11: importing history says what it found (new, same, duplicate, conflict) and merges nothing silently. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyImportReport, resolveHistoryImport, type HistoryItem } from './index';

const A = '关于做好养老服务工作的通知\n各区民政局：请做好养老服务。';
const B = '关于开展固体废物专项整治的通知\n各区生态环境局：请开展整治。';
const C = '关于做好防汛工作的通知\n各街镇：请做好防汛。';

const item = (text: string, labelRaw: string | null, origin = 'a.csv'): HistoryItem => ({
  origin,
  text,
  labelRaw,
});

describe('historyImportReport', () => {
  const existing = [item(A, '民政、扶贫、救灾\\社会福利', '旧.csv 第 2 行')];

  it('new, same, duplicate and conflict, against the history and within the batch', () => {
    const report = historyImportReport(existing, [
      item(A, '民政、扶贫、救灾-社会福利', 'h.csv 第 2 行'), // same notice, same label spelt otherwise
      item(B, '城乡建设、环境保护\\环境监测、保护与治理', 'h.csv 第 3 行'),
      item(B.replace(/\n/g, '\r\n'), '城乡建设、环境保护/环境监测、保护与治理', 'h.csv 第 4 行'),
      item(A, '劳动、人事、监察\\社会保障', 'h.csv 第 5 行'),
      item(C, '农业、林业、水利\\水利', 'h.csv 第 6 行'),
      item(C, '民政、扶贫、救灾\\减灾救灾', 'h.csv 第 7 行'),
    ]);
    expect(report.items.map((i) => i.status)).toEqual([
      'same',
      'new',
      'duplicate',
      'conflict',
      'new',
      'conflict',
    ]);
    expect(report.counts).toEqual({ new: 2, same: 1, duplicate: 1, conflict: 2 });
    expect(report.conflicts).toEqual([
      {
        key: report.items[0]?.key,
        title: '关于做好养老服务工作的通知',
        labels: [
          {
            labelKey: '民政、扶贫、救灾\\社会福利',
            labelRaw: '民政、扶贫、救灾\\社会福利',
            origins: ['旧.csv 第 2 行', 'h.csv 第 2 行'],
            inHistory: true,
          },
          {
            labelKey: '劳动、人事、监察\\社会保障',
            labelRaw: '劳动、人事、监察\\社会保障',
            origins: ['h.csv 第 5 行'],
            inHistory: false,
          },
        ],
      },
      {
        key: report.items[4]?.key,
        title: '关于做好防汛工作的通知',
        labels: [
          expect.objectContaining({ labelKey: '农业、林业、水利\\水利', inHistory: false }),
          expect.objectContaining({ labelKey: '民政、扶贫、救灾\\减灾救灾', inHistory: false }),
        ],
      },
    ]);
  });

  it('a copy without a label never conflicts; a label for an unlabelled notice is new', () => {
    const report = historyImportReport(
      [item(A, null)],
      [item(A, '民政、扶贫、救灾\\社会福利'), item(A, null), item(B, null), item(B, null)],
    );
    expect(report.items.map((i) => i.status)).toEqual(['new', 'same', 'new', 'duplicate']);
    expect(report.conflicts).toEqual([]);
  });

  it('labels off the taxonomy are compared as written, blanks aside', () => {
    const report = historyImportReport(
      [],
      [item(A, '本地 分类'), item(A, '本地分类'), item(A, '别的')],
    );
    expect(report.items.map((i) => i.status)).toEqual(['new', 'duplicate', 'conflict']);
  });
});

describe('resolveHistoryImport', () => {
  const existing = [item(A, '民政、扶贫、救灾\\社会福利', '旧.csv'), item(C, null, '旧.txt')];
  const batch = [
    item(A, '劳动、人事、监察\\社会保障', 'new.csv 1'),
    item(B, '城乡建设、环境保护\\环境监测、保护与治理', 'new.csv 2'),
    item(B, '城乡建设、环境保护\\环境监测、保护与治理', 'new.csv 3'),
    item(C, '农业、林业、水利\\水利', 'new.csv 4'),
  ];
  const report = historyImportReport(existing, batch);
  const labels = (items: readonly HistoryItem[]) => items.map((i) => i.labelRaw);

  it('without choices keeps the history’s label, adds each new notice once, fills a missing label', () => {
    const merged = resolveHistoryImport(existing, report);
    expect(labels(merged)).toEqual([
      '民政、扶贫、救灾\\社会福利',
      '农业、林业、水利\\水利',
      '城乡建设、环境保护\\环境监测、保护与治理',
    ]);
    expect(merged.map((i) => i.origin)).toEqual(['旧.csv', 'new.csv 4', 'new.csv 2']);
  });

  it('the clerk’s choice wins, in the history’s place; an unknown choice falls back', () => {
    const key = report.conflicts[0]?.key ?? '';
    const merged = resolveHistoryImport(
      existing,
      report,
      new Map([[key, '劳动、人事、监察\\社会保障']]),
    );
    expect(labels(merged)[0]).toBe('劳动、人事、监察\\社会保障');
    expect(merged[0]?.origin).toBe('new.csv 1');
    const odd = resolveHistoryImport(existing, report, new Map([[key, '不是候选']]));
    expect(labels(odd)[0]).toBe('民政、扶贫、救灾\\社会福利');
  });

  it('a conflict within the batch takes its first label unless the clerk chooses', () => {
    const inBatch = historyImportReport(
      [],
      [item(C, '农业、林业、水利\\水利'), item(C, '民政、扶贫、救灾\\减灾救灾')],
    );
    expect(labels(resolveHistoryImport([], inBatch))).toEqual(['农业、林业、水利\\水利']);
    const key = inBatch.conflicts[0]?.key ?? '';
    expect(
      labels(resolveHistoryImport([], inBatch, new Map([[key, '民政、扶贫、救灾\\减灾救灾']]))),
    ).toEqual(['民政、扶贫、救灾\\减灾救灾']);
  });

  it('never duplicates a notice, never loses one, and keeps a label one of its copies had', () => {
    const texts = [A, B, C, `${A}\r\n`];
    const labelRaws = [
      null,
      '民政、扶贫、救灾\\社会福利',
      '民政、扶贫、救灾-社会福利',
      '其他',
      '本地',
    ];
    const anyItem = fc
      .tuple(fc.nat(texts.length - 1), fc.nat(labelRaws.length - 1))
      .map(([t, l]) => item(texts[t] ?? A, labelRaws[l] ?? null));
    const key = (i: HistoryItem): string => historyImportReport([], [i]).items[0]?.key ?? '';
    fc.assert(
      fc.property(
        fc.array(anyItem, { maxLength: 3 }),
        fc.array(anyItem, { maxLength: 8 }),
        (earlier, fresh) => {
          const known = resolveHistoryImport([], historyImportReport([], earlier));
          const merged = resolveHistoryImport(known, historyImportReport(known, fresh));
          const all = [...known, ...fresh];
          expect(merged.map(key).sort()).toEqual([...new Set(all.map(key))].sort());
          for (const m of merged) {
            const copies = all.filter((i) => key(i) === key(m));
            expect(copies.map((c) => c.labelRaw)).toContain(m.labelRaw);
            if (m.labelRaw === null) expect(copies.every((c) => c.labelRaw === null)).toBe(true);
          }
        },
      ),
    );
  });
});
