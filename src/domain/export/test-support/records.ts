/** Test-only builders of desk records. */
import fc from 'fast-check';
import type { NoticeMeta, NoticeRecord } from '../../desk/record';
import type { TopicPath } from '../../taxonomy/taxonomy';

export const EMPTY_META: NoticeMeta = {
  title: null,
  issuer: null,
  docNumber: null,
  indexNo: null,
  topicRaw: null,
  writtenDate: null,
  publishDate: null,
  effectiveDate: null,
  expiryDate: null,
};

export function makeRecord(overrides: Partial<NoticeRecord> = {}): NoticeRecord {
  return {
    id: 'n-0123456789abcdef',
    source: { kind: 'file', name: 'chongming.txt' },
    addedAt: '2026-11-28T09:00:00.000Z',
    text: '2020年崇明民政工作要点\n一、……',
    meta: {
      ...EMPTY_META,
      title: '2020年崇明民政工作要点',
      issuer: '上海市崇明区民政局',
      docNumber: '沪崇民〔2020〕10号',
      indexNo: 'SY0024782510202000010',
      topicRaw: '民政、扶贫、救灾-其他',
      writtenDate: '2020-03-30',
      publishDate: '2020-04-16',
    },
    originalTopic: { label1: '民政、扶贫、救灾', label2: '其他' },
    suggestions: [
      { path: { label1: '民政、扶贫、救灾', label2: '其他' }, score: 0.8734 },
      { path: { label1: '民政、扶贫、救灾', label2: '社会福利' }, score: 0.08 },
    ],
    decision: {
      path: { label1: '民政、扶贫、救灾', label2: '其他' },
      status: 'confirmed',
      decidedAt: '2026-11-28T09:05:00.000Z',
    },
    rev: 3,
    ...overrides,
  };
}

const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const nullableText = fc.option(text, { nil: null });
const topicPath: fc.Arbitrary<TopicPath> = fc.record({
  label1: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
  label2: fc.option(fc.string({ unit: 'grapheme', maxLength: 10 }), { nil: null }),
});
const iso = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());

export const arbitraryRecord: fc.Arbitrary<NoticeRecord> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  source: fc.record({
    kind: fc.constantFrom('paste' as const, 'file' as const, 'import' as const),
    name: nullableText,
  }),
  addedAt: iso,
  text: fc.string({ unit: 'binary', maxLength: 200 }),
  meta: fc.record({
    title: nullableText,
    issuer: nullableText,
    docNumber: nullableText,
    indexNo: nullableText,
    topicRaw: nullableText,
    writtenDate: nullableText,
    publishDate: nullableText,
    effectiveDate: nullableText,
    expiryDate: nullableText,
  }),
  originalTopic: fc.option(topicPath, { nil: null }),
  suggestions: fc.option(
    fc.array(fc.record({ path: topicPath, score: fc.double({ min: 0, max: 1, noNaN: true }) }), {
      maxLength: 3,
    }),
    { nil: null },
  ),
  decision: fc.option(
    fc.record({
      path: topicPath,
      status: fc.constantFrom('confirmed' as const, 'overridden' as const),
      decidedAt: iso,
    }),
    { nil: null },
  ),
  rev: fc.nat(),
});
