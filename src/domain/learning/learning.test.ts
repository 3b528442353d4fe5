import { describe, expect, it } from 'vitest';
import { trainModel, type LabelledExample, type Model } from '../classifier';
import { TINY_PRIOR } from '../classifier/test-support/fixtures';
import type { NoticeRecord } from '../desk/record';
import { toDeskJsonl } from '../export/jsonl';
import { parseNotice } from '../notice';
import {
  auditCandidates,
  compareShippedAndLocal,
  historyFromCsv,
  historyFromJsonl,
  historyFromNotice,
  labelDistribution,
  labelHistory,
  rescoreOrder,
  trainingSet,
  type HistoryItem,
} from './index';

const item = (labelRaw: string | null, origin = 'a.txt'): HistoryItem => ({
  origin,
  text: `关于${origin}的通知`,
  labelRaw,
});

describe('labelHistory', () => {
  it('reads every separator, full-width forms and aliases onto the taxonomy', () => {
    const raws = [
      '民政、扶贫、救灾\\社会福利',
      '民政、扶贫、救灾-社会福利',
      '民政、扶贫、救灾/社会福利',
      '民政、扶贫、救灾＼社会福利',
      '民政、扶贫、救灾／社会福利',
      '民政、扶贫、救灾－社会福利',
      ' 民政、扶贫、救灾 \\ 社会福利 ',
    ];
    const { examples, unknown } = labelHistory(raws.map((r) => item(r)));
    expect(unknown).toEqual([]);
    for (const e of examples)
      expect(e.path).toEqual({ label1: '民政、扶贫、救灾', label2: '社会福利' });
    const aliases = labelHistory([
      item('国民经济管理国有资产监管'),
      item('财政金融审计\\货币(含外汇)'),
      item('民政、扶贫、救灾-其他'),
      item('农业、林业、水利\\农业、畜牧业、渔业'),
      item('科技、教育'),
    ]);
    expect(aliases.unknown).toEqual([]);
    expect(aliases.examples.map((e) => e.path)).toEqual([
      { label1: '国民经济管理、国有资产监管', label2: null },
      { label1: '财政、金融、审计', label2: '货币（含外汇）' },
      { label1: '民政、扶贫、救灾', label2: '其他' },
      { label1: '农业、林业、水利', label2: '农业、畜牧业、渔业' },
      { label1: '科技、教育', label2: null },
    ]);
  });

  it('lists unknown labels with counts and where they occur, and never drops them silently', () => {
    const items = [
      item('天文、地理', '1.txt'),
      item('天文、地理', '2.txt'),
      item('科技、教育\\航天', '3.txt'),
      item('卫生、体育\\卫生', '4.txt'),
      item(null, '5.txt'),
      item('  ', '6.txt'),
    ];
    const result = labelHistory(items);
    expect(result.examples).toHaveLength(1);
    expect(result.unlabelled).toBe(2);
    expect(result.unknown.map((u) => [u.raw, u.count, u.origins])).toEqual([
      ['天文、地理', 2, ['1.txt', '2.txt']],
      ['科技、教育\\航天', 1, ['3.txt']],
    ]);
    expect(result.unknown[0]?.reason).toEqual({
      code: 'topicNotOnTaxonomy',
      params: { raw: '天文、地理' },
    });
    const total =
      result.examples.length +
      result.unlabelled +
      result.ignored +
      result.unknown.reduce((s, u) => s + u.count, 0);
    expect(total).toBe(items.length);
  });

  it("applies the clerk's mapping, and leaves out labels mapped to nothing", () => {
    const items = [item('天文、地理'), item('天文 、地理'), item('科技、教育\\航天')];
    const result = labelHistory(items, {
      '天文、地理': { label1: '科技、教育', label2: '科技' },
      '科技、教育\\航天': null,
    });
    expect(result.unknown).toEqual([]);
    expect(result.ignored).toBe(1);
    expect(result.examples.map((e) => e.path.label2)).toEqual(['科技', '科技']);
  });
});

describe('history readers', () => {
  it('takes a notice file’s label from its header, not from its body', () => {
    const text = [
      '索引号：',
      '000-1',
      '主题分类：',
      '科技、教育-教育',
      '公开主体：',
      '某市教育局',
      '关于做好职业教育工作的通知',
      '各学校：',
      '现就有关事项通知如下。',
    ].join('\n');
    expect(historyFromNotice(text, 'x.txt').labelRaw).toBe(parseNotice(text).topicRaw);
    expect(historyFromNotice(text, 'x.txt').labelRaw).toContain('科技、教育');
  });

  it('reads a CMS CSV: label column, row numbers, and a report for rows without a label', () => {
    const csv =
      '\uFEFF标题,正文,主题分类,发布机构\r\n关于学校的通知,学校工作。,科技、教育\\教育,教育局\r\n关于医院的通知,,,卫健委\r\n';
    const read = historyFromCsv(csv, 'h.csv');
    expect(read.items).toHaveLength(1);
    expect(read.items[0]?.labelRaw).toBe('科技、教育\\教育');
    expect(read.items[0]?.origin).toBe('h.csv:2');
    expect(read.items[0]?.text).not.toContain('科技、教育');
    expect(read.errors[0]).toEqual({ origin: 'h.csv:3', reason: { code: 'csvRowNoLabel' } });
  });

  it('reads labelled JSONL (label, label1/label2) and the desk’s own export (decision first)', () => {
    const jsonl = [
      JSON.stringify({ text: '甲', label: '卫生、体育/卫生' }),
      JSON.stringify({ title: '乙', label1: '科技、教育', label2: '教育' }),
      '{bad',
    ].join('\n');
    const read = historyFromJsonl(jsonl, 'l.jsonl');
    expect(read.items.map((i) => i.labelRaw)).toEqual(['卫生、体育/卫生', '科技、教育\\教育']);
    expect(read.errors).toHaveLength(1);

    const base = record('r1', { label1: '卫生、体育', label2: '卫生' });
    const decided: NoticeRecord = {
      ...record('r2', { label1: '卫生、体育', label2: '卫生' }),
      decision: {
        path: { label1: '科技、教育', label2: '教育' },
        status: 'overridden',
        decidedAt: '2026-01-01T00:00:00Z',
      },
    };
    const desk = historyFromJsonl(toDeskJsonl([base, decided], '2026-01-01T00:00:00Z'), 'd.jsonl');
    expect(desk.errors).toEqual([]);
    expect(desk.items.map((i) => i.labelRaw)).toEqual(['卫生、体育-卫生', '科技、教育\\教育']);
  });
});

function record(
  id: string,
  originalTopic: NoticeRecord['originalTopic'],
  suggestions: NoticeRecord['suggestions'] = null,
): NoticeRecord {
  return {
    id,
    source: { kind: 'file', name: `${id}.txt` },
    addedAt: '2026-01-01T00:00:00Z',
    text: `关于${id}的通知`,
    meta: {
      title: `关于${id}的通知`,
      issuer: null,
      docNumber: null,
      indexNo: null,
      topicRaw: originalTopic ? `${originalTopic.label1}-${originalTopic.label2 ?? ''}` : null,
      writtenDate: null,
      publishDate: null,
      effectiveDate: null,
      expiryDate: null,
    },
    originalTopic,
    suggestions,
    decision: null,
    rev: 1,
  };
}

describe('labelDistribution', () => {
  it('counts level 1 and full paths, most frequent first', () => {
    const d = labelDistribution([
      { path: { label1: 'B', label2: 'x' } },
      { path: { label1: 'A', label2: null } },
      { path: { label1: 'B', label2: 'y' } },
    ]);
    expect(d.total).toBe(3);
    expect(d.level1).toEqual([
      { label: 'B', count: 2 },
      { label: 'A', count: 1 },
    ]);
    expect(d.paths.map((p) => p.label)).toEqual(['A', 'B\\x', 'B\\y']);
  });
});

describe('auditCandidates', () => {
  const edu = { label1: '科技、教育', label2: '教育' };
  const sci = { label1: '科技、教育', label2: '科技' };
  const health = { label1: '卫生、体育', label2: '卫生' };
  it('lists confident disagreements with the header label, most confident first', () => {
    const records = [
      record('agree', edu, [{ path: edu, score: 0.9 }]),
      record('weak', edu, [{ path: health, score: 0.4 }]),
      record('l2', edu, [{ path: sci, score: 0.7 }]),
      record('l1', edu, [{ path: health, score: 0.95 }]),
      record('level1only', { label1: '科技、教育', label2: null }, [{ path: sci, score: 0.99 }]),
      record('noheader', null, [{ path: health, score: 0.99 }]),
      {
        ...record('decided', edu, [{ path: health, score: 0.99 }]),
        decision: { path: edu, status: 'overridden' as const, decidedAt: '' },
      },
    ];
    const found = auditCandidates(records, 0.6);
    expect(found.map((c) => [c.id, c.level])).toEqual([
      ['l1', 1],
      ['l2', 2],
    ]);
    expect(auditCandidates(records, 0.6, true).map((c) => c.id)).toEqual(['decided', 'l1', 'l2']);
  });
});

describe('rescoreOrder', () => {
  it('puts the pending notices nearest the current one first, the next before the previous', () => {
    const order = ['a', 'b', 'c', 'd', 'e', 'f'];
    const pending = new Set(['a', 'b', 'd', 'e', 'f']);
    expect(rescoreOrder(order, (id) => pending.has(id), 'c')).toEqual(['d', 'b', 'e', 'a', 'f']);
    expect(rescoreOrder(order, (id) => pending.has(id), null)).toEqual(['a', 'b', 'd', 'e', 'f']);
  });
});

describe('trainingSet', () => {
  it('joins history and decisions, a decided history notice once with the decision', () => {
    const decided: NoticeRecord = {
      ...record('x', null),
      text: '同一篇',
      decision: {
        path: { label1: '卫生、体育', label2: '卫生' },
        status: 'overridden',
        decidedAt: '',
      },
    };
    const set = trainingSet(
      [
        {
          origin: 'h',
          text: '同一篇',
          path: { label1: '科技、教育', label2: '教育' },
          source: 'history',
        },
        {
          origin: 'h',
          text: '另一篇',
          path: { label1: '科技、教育', label2: '教育' },
          source: 'history',
        },
      ],
      [decided, record('y', null)],
    );
    expect(set.examples).toHaveLength(2);
    expect(set.history).toBe(1);
    expect(set.decisions).toBe(1);
    expect(set.examples.find((e) => e.text === '同一篇')?.path.label1).toBe('卫生、体育');
  });
});

describe('compareShippedAndLocal', () => {
  const shipped: Model = trainModel([], { prior: TINY_PRIOR });
  const examples: LabelledExample[] = Array.from({ length: 20 }, (_, i) => ({
    text: i % 2 === 0 ? `关于学校第${i}号的通知` : `关于医院第${i}号的通知`,
    path:
      i % 2 === 0
        ? { label1: '科技、教育', label2: '教育' }
        : { label1: '卫生、体育', label2: '卫生' },
  }));

  it('never trains a fold’s model on an example of that fold, and scores every example once', () => {
    const trained: (readonly LabelledExample[])[] = [];
    const folds: number[] = [];
    const result = compareShippedAndLocal(examples, {
      k: 5,
      shipped,
      parse: parseNotice,
      train: (train) => {
        trained.push(train);
        return shipped;
      },
      onFold: (fold) => folds.push(fold),
    });
    expect(folds).toEqual([0, 1, 2, 3, 4]);
    expect(result.n).toBe(examples.length);
    const texts = trained.map((t) => new Set(t.map((e) => e.text)));
    // Each example is missing from exactly one training fold: the one that tests it.
    for (const e of examples) expect(texts.filter((s) => !s.has(e.text))).toHaveLength(1);
    for (const t of trained) expect(t).toHaveLength(examples.length - examples.length / 5);
    // Same model on both sides: the comparison is like for like.
    expect(result.local).toEqual(result.shipped);
  });
});
