import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmsRowsToNotices, parseCsv } from './cms-csv';
import { toCsv } from './csv';

describe('parseCsv', () => {
  it('reads BOM, CRLF or LF records, quoted commas, quotes and line breaks, skipping blank lines', () => {
    for (const end of ['\r\n', '\n']) {
      const text = `\uFEFF标题,正文${end}"关于""十四五""的通知","第一段,\r\n第二段"${end}短,x${end}${end}`;
      expect(parseCsv(text)).toEqual([
        ['标题', '正文'],
        ['关于"十四五"的通知', '第一段,\r\n第二段'],
        ['短', 'x'],
      ]);
    }
  });

  it('reads a TAB-separated export and a file without a final line end', () => {
    expect(parseCsv('标题\t主题分类\n通知\t科技、教育\\科技')).toEqual([
      ['标题', '主题分类'],
      ['通知', '科技、教育\\科技'],
    ]);
  });

  it('property: reads back what toCsv writes when no cell needs neutralising', () => {
    const cell = fc
      .string({ unit: 'grapheme', maxLength: 10 })
      .filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          expect(parseCsv(toCsv(rows))).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cmsRowsToNotices', () => {
  it('maps Chinese column names and rebuilds a header block the parser reads', () => {
    const rows = parseCsv(
      '题名,内容,分类,发布机构,发文字号,成文日期,索引号\n' +
        '关于做好春运工作的通知,各区:请做好春运保障。,交通\\公路,上海市交通委,沪交〔2022〕1号,2022-01-05,0001/2022-1\n',
    );
    expect(cmsRowsToNotices(rows)).toEqual({
      notices: [
        {
          row: 2,
          labelRaw: '交通\\公路',
          text:
            '索引号：\t0001/2022-1\n公开主体：\t上海市交通委\n发文字号：\t沪交〔2022〕1号\n成文日期：\t2022-01-05\n' +
            '关于做好春运工作的通知\n各区:请做好春运保障。',
        },
      ],
      errors: [],
    });
  });

  it('never writes the label into the text, and does not repeat a title the body starts with', () => {
    const { notices } = cmsRowsToNotices([
      ['title', 'text', 'label'],
      ['通知', '通知\n正文', '科技、教育\\科技'],
    ]);
    expect(notices[0]?.text).toBe('通知\n正文');
  });

  it('lists missing columns and skips rows without a label or text', () => {
    expect(cmsRowsToNotices([['标题', '发文字号']]).errors).toEqual([
      { row: 1, reason: { code: 'csvMissingLabel' } },
    ]);
    expect(cmsRowsToNotices([['发文字号', '备注']]).errors.map((e) => e.reason.code)).toEqual([
      'csvMissingLabel',
      'csvMissingText',
    ]);
    const { notices, errors } = cmsRowsToNotices([
      ['标题', '主题分类'],
      ['有标题', ''],
      ['', '科技、教育'],
      ['好的', '科技、教育'],
    ]);
    expect(notices.map((n) => n.row)).toEqual([4]);
    expect(errors).toEqual([
      { row: 2, reason: { code: 'csvRowNoLabel' } },
      { row: 3, reason: { code: 'csvRowNoText' } },
    ]);
  });
});
