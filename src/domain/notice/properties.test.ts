/** Properties that hold for any input: no throw, sound spans, time linear in the length. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseNotice } from './index';
import { brokenSpan } from './test-support/spans';
import type { Section } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = [
  'shanghai-format-notice.txt',
  'govcn-format-notice.txt',
  'no-header-notice.txt',
].map((name) => readFileSync(path.join(here, 'fixtures', name), 'utf8'));

/** Pieces that steer the parser into every branch: labels, markers, dates, furniture, odd blanks. */
const TOKENS = [
  '索引号:',
  '索 引 号：',
  '主题分类：',
  '民政、扶贫、救灾-其他',
  '公开主体:',
  '发文字号：',
  '沪崇民[2020]10号',
  '国发〔2019〕4号',
  '成文日期：',
  '2020-03-30',
  '二〇二〇年三月三十日',
  '2020年13月40日',
  '标  题：',
  '关于印发工作要点的通知',
  '各乡镇人民政府：',
  '现将《要点》印发给你们。',
  '上海市崇明区民政局',
  '一、',
  '（一）',
  '(2)',
  '1.',
  '3、',
  '①',
  '村居治理。',
  '附件：',
  '打印本页',
  '【字体：大 中 小】',
  '请为本文选择一个合适的主题。',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u3000',
  '\uFEFF',
  ' ',
  '：',
  '。',
  '，',
  '\uD83D', // a lone surrogate must not break anything either
];

const noticeLike = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 80 })
  .map((parts) => parts.join(''));

/** A fixture with random edits: lines dropped, duplicated, CRLF, indentation, junk inserted. */
const mutatedFixture = fc
  .tuple(
    fc.constantFrom(...FIXTURES),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...TOKENS, '')), { maxLength: 12 }),
    fc.boolean(),
  )
  .map(([text, edits, crlf]) => {
    const lines = text.split('\n');
    for (const [at, token] of edits) {
      const i = at % lines.length;
      if (token === '') lines.splice(i, 1);
      else lines[i] = `${token}${lines[i] ?? ''}`;
    }
    return lines.join(crlf ? '\r\n' : '\n');
  });

describe('parseNotice on any input', () => {
  test('never throws, and every span lies in the text with its slice equal to its text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), noticeLike, mutatedFixture),
        (text) => {
          const p = parseNotice(text);
          expect(p.text).toBe(text);
          expect(brokenSpan(p)).toBeNull();
        },
      ),
      { numRuns: 600 },
    );
  });

  test('furniture and attachments never stand at the ends of the body or in a heading', () => {
    fc.assert(
      fc.property(mutatedFixture, (text) => {
        const p = parseNotice(text);
        const outside = [...p.furniture, ...p.attachments];
        const headings: { start: number; end: number }[] = [];
        const walk = (ss: readonly Section[]): void =>
          ss.forEach((s) => {
            headings.push(s.headingSpan);
            walk(s.children);
          });
        walk(p.sections);
        for (const f of outside) {
          const inside = (at: number): boolean => f.span.start <= at && at < f.span.end;
          if (p.body.end > p.body.start) {
            expect(inside(p.body.start)).toBe(false);
            expect(inside(p.body.end - 1)).toBe(false);
          }
          for (const h of headings)
            expect(h.end <= f.span.start || h.start >= f.span.end).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('sections nest: a child lies inside its parent, one level deeper', () => {
    const check = (
      sections: readonly Section[],
      depth: number,
      outer: { start: number; end: number },
    ): void => {
      for (const s of sections) {
        expect(s.depth).toBe(depth);
        expect(s.span.start).toBeGreaterThanOrEqual(outer.start);
        expect(s.span.end).toBeLessThanOrEqual(outer.end);
        expect(s.headingSpan.start).toBeGreaterThanOrEqual(s.span.start);
        expect(s.headingSpan.end).toBeLessThanOrEqual(s.span.end);
        check(s.children, depth + 1, s.span);
      }
    };
    fc.assert(
      fc.property(fc.oneof(noticeLike, mutatedFixture), (text) => {
        check(parseNotice(text).sections, 1, { start: 0, end: text.length });
      }),
      { numRuns: 300 },
    );
  });
});

function timed(text: string): number {
  const t0 = performance.now();
  const p = parseNotice(text);
  const ms = performance.now() - t0;
  expect(brokenSpan(p)).toBeNull();
  return ms;
}

describe('parse time', () => {
  test('a 1 MB notice parses in well under a second', () => {
    const base = FIXTURES[0] ?? '';
    const body = base.slice(base.indexOf('一、'));
    let text = base;
    while (text.length < 1_000_000) text += body;
    expect(timed(text)).toBeLessThan(1500);
  });

  test.each([
    ['100k 一、 on one line', '一、'.repeat(100_000)],
    ['100k 一、 lines', '一、\n'.repeat(100_000)],
    ['100k full-width colons', '：'.repeat(100_000)],
    ['a header label then 100k colons', `索引号${'：'.repeat(100_000)}`],
    ['a header label then 100k tabs', `索引号：${'\t'.repeat(100_000)}x`],
    ['a header label then 100k spaces', `索引号：${' '.repeat(100_000)}x`],
    ['a heading then 100k commas', `一、${'，'.repeat(100_000)}x`],
    ['100k lead phrases', '一、工作\n'.concat('村居治理。做好工作。\n'.repeat(100_000))],
    ['100k CRs', '\r'.repeat(100_000)],
    ['a 1 MB line of Han', '关'.repeat(1_000_000)],
    ['100k bracketed years', '沪[2020]'.repeat(100_000)],
    ['100k 附件 lines', '附件：\n1.表\n'.repeat(50_000)],
    ['300k furniture lines (no spread of huge arrays)', '打印本页\n'.repeat(300_000)],
    ['300k sections closed by attachments', '一、甲\n附件\n'.repeat(150_000)],
  ])('adversarial: %s', (_name, text) => {
    // Generous for a loaded machine: a quadratic pass over 100k lines would take minutes.
    expect(timed(text)).toBeLessThan(5000);
  });
});
