import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { inOrder, NOTICE_CSV_HEADER, noticeCsvChunks, recordsToCsvRows } from './records';
import { formatLocalTime } from './time';
import { makeRecord } from './test-support/records';

function parse(csv: string): string[][] {
  return Papa.parse<string[]>(csv.slice(1).replace(/\r\n$/, ''), { newline: '\r\n' }).data;
}

describe('notice CSV', () => {
  it('has the Chinese header row the clerks expect', () => {
    expect(recordsToCsvRows([])).toEqual([
      [
        '标题',
        '公开主体',
        '发文字号',
        '索引号',
        '成文日期',
        '发布日期',
        '生效日期',
        '失效日期',
        '原标注',
        '建议分类',
        '建议置信度',
        '最终一级分类',
        '最终二级分类',
        '最终主题分类',
        '状态',
        '决定时间',
        '来源',
      ],
    ]);
  });

  it('writes a confirmed notice with the chosen separator, score as a percentage and local time', () => {
    const [, row] = recordsToCsvRows([makeRecord()], { separator: '\\', utcOffset: 480 });
    expect(row).toEqual([
      '2020年崇明民政工作要点',
      '上海市崇明区民政局',
      '沪崇民〔2020〕10号',
      'SY0024782510202000010',
      '2020-03-30',
      '2020-04-16',
      null,
      null,
      '民政、扶贫、救灾\\其他',
      '民政、扶贫、救灾\\其他',
      '87.3%',
      '民政、扶贫、救灾',
      '其他',
      '民政、扶贫、救灾\\其他',
      '已确认',
      '2026-11-28T17:05:00+08:00',
      '文件：chongming.txt',
    ]);
    const [, dashed] = recordsToCsvRows([makeRecord()]);
    expect(dashed?.[13]).toBe('民政、扶贫、救灾-其他');
  });

  it('writes a pending notice with no suggestion and an unknown original label as written', () => {
    const record = makeRecord({
      decision: null,
      suggestions: null,
      originalTopic: null,
      source: { kind: 'paste', name: null },
      meta: { ...makeRecord().meta, topicRaw: '旧分类/不存在' },
    });
    const [, row] = recordsToCsvRows([record]);
    expect(row?.slice(8, 17)).toEqual([
      '旧分类/不存在',
      null,
      null,
      undefined,
      undefined,
      null,
      '待确认',
      undefined,
      '粘贴',
    ]);
  });

  it('writes 决定时间 in the zone asked for, the runtime’s own by default, and odd values as they are', () => {
    const at = (options: Parameters<typeof recordsToCsvRows>[1]) =>
      recordsToCsvRows([makeRecord()], options)[1]?.[15];
    expect(at({ utcOffset: -300 })).toBe('2026-11-28T04:05:00-05:00');
    expect(at({ utcOffset: () => 60 })).toBe('2026-11-28T10:05:00+01:00');
    const instant = new Date('2026-11-28T09:05:00.000Z');
    expect(at({})).toBe(formatLocalTime(instant, -instant.getTimezoneOffset()));
    const odd = makeRecord({
      decision: {
        path: { label1: '科技、教育', label2: '科技' },
        status: 'overridden',
        decidedAt: '昨天',
      },
    });
    expect(recordsToCsvRows([odd])[1]?.[15]).toBe('昨天');
  });

  it('follows the order asked for (the queue’s), and still writes the records it does not list', () => {
    const records = ['a', 'b', 'c', 'd'].map((id) =>
      makeRecord({ id, meta: { ...makeRecord().meta, title: `标题${id}` } }),
    );
    const titles = (order?: readonly string[]) =>
      recordsToCsvRows(records, order ? { order } : {})
        .slice(1)
        .map((row) => row[0]);
    expect(titles()).toEqual(['标题a', '标题b', '标题c', '标题d']);
    expect(titles(['c', 'a', 'x', 'd'])).toEqual(['标题c', '标题a', '标题d', '标题b']);
    expect(inOrder(records, []).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('neutralises a formula-looking title in the exported file and marks overrides', () => {
    const record = makeRecord({
      meta: { ...makeRecord().meta, title: '=HYPERLINK("http://x","点我")' },
      decision: {
        path: { label1: '科技、教育', label2: '科技' },
        status: 'overridden',
        decidedAt: '2026-11-28T10:00:00.000Z',
      },
    });
    const csv = [...noticeCsvChunks([record], { separator: '/' })].join('');
    expect(csv.startsWith('\uFEFF标题,')).toBe(true);
    const rows = parse(csv);
    expect(rows[0]).toEqual([...NOTICE_CSV_HEADER]);
    expect(rows[1]?.[0]).toBe('\'=HYPERLINK("http://x","点我")');
    expect(rows[1]?.slice(11, 15)).toEqual(['科技、教育', '科技', '科技、教育/科技', '已改标']);
  });
});
