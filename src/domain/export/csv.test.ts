import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, csvChunks, csvRow, toCsv } from './csv';

/** What a spreadsheet reads back: papaparse on the file without its BOM and final line end. */
function readBack(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1, -2), { newline: '\r\n', delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** The documented change: formula-looking cells gain a leading apostrophe. */
function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

describe('csvCell', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvCell('通知')).toBe('通知');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('一行\r\n二行')).toBe('"一行\r\n二行"');
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0.5)).toBe('0.5');
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('沪崇民〔2020〕10号 = 文号')).toBe('沪崇民〔2020〕10号 = 文号');
  });

  it('writes a lone surrogate as U+FFFD, keeps emoji and CJK extension characters', () => {
    expect(csvCell('a\uD800b')).toBe('a\uFFFDb');
    expect(csvCell('\uDC00')).toBe('\uFFFD');
    expect(csvCell('👍𠀀')).toBe('👍𠀀');
  });
});

describe('toCsv / csvChunks', () => {
  it('starts with a BOM and ends every record with CRLF', () => {
    expect(
      toCsv([
        ['标题', '状态'],
        ['通知', '已确认'],
      ]),
    ).toBe('\uFEFF标题,状态\r\n通知,已确认\r\n');
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
    expect(csvRow(['a', null, 1])).toBe('a,,1');
  });

  it('yields the same file in chunks as in one piece', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`第${i}号`, '="x"', 'a,b']);
    const chunks = [...csvChunks(rows, { chunkSize: 1000 })];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(toCsv(rows));
  });

  it('adversarial cells come back from a standard CSV reader intact, apart from neutralisation', () => {
    const cells = [
      '"',
      '""',
      ',',
      '\r',
      '\n',
      '\r\n',
      ' leading and trailing ',
      '=HYPERLINK("http://x","点我")',
      '-1',
      '@cmd',
      '\tTAB',
      '关于"十四五"规划的通知,请查收',
      '👨‍👩‍👧 家庭',
      '',
    ];
    expect(readBack(toCsv([cells, cells.slice().reverse()]))).toEqual([
      cells.map(neutralised),
      cells.slice().reverse().map(neutralised),
    ]);
  });

  it('property: papaparse reads back what csvChunks writes (fixed-width rows, well-formed text)', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 });
    const table = fc.integer({ min: 2, max: 5 }).chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 8,
      }),
    );
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 64 }), (rows, chunkSize) => {
        const csv = [...csvChunks(rows, { chunkSize })].join('');
        expect(readBack(csv)).toEqual(rows.map((r) => r.map(neutralised)));
      }),
      { numRuns: 500 },
    );
  });
});
