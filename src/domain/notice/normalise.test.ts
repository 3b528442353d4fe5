/** The date and document-number normalisers, and noticeMeta. */
import { describe, expect, test } from 'vitest';
import { noticeMeta, normaliseDate, normaliseDocNumber, parseNotice } from './index';

describe('normaliseDate', () => {
  test.each([
    ['2020年3月30日', '2020-03-30'],
    ['2020年03月30日', '2020-03-30'],
    ['2020 年 3 月 30 日', '2020-03-30'],
    ['2020-03-30', '2020-03-30'],
    ['2020.3.30', '2020-03-30'],
    ['2020/3/30', '2020-03-30'],
    ['２０２０年３月３０日', '2020-03-30'],
    ['二〇二〇年三月三十日', '2020-03-30'],
    ['二○二○年十二月三十一日', '2020-12-31'],
    ['二〇〇五年三月三日', '2005-03-03'],
    ['二〇二〇年十月十日', '2020-10-10'],
    ['2020-04-16 09:30:00', '2020-04-16'],
    ['2020年2月29日', '2020-02-29'],
  ])('%s → %s', (raw, iso) => expect(normaliseDate(raw)).toBe(iso));

  test.each([
    '2021年2月29日',
    '2020-13-01',
    '2020年3月32日',
    '二〇二〇年三月',
    '',
    '2020',
    '长期有效',
  ])('%s is not a date', (raw) => expect(normaliseDate(raw)).toBeNull());
});

describe('normaliseDocNumber', () => {
  test.each([
    ['沪崇民〔2020〕10号', '沪崇民〔2020〕10号'],
    ['沪崇民[2020]10号', '沪崇民〔2020〕10号'],
    ['沪崇民(2020)10号', '沪崇民〔2020〕10号'],
    ['沪崇民（2020）10号', '沪崇民〔2020〕10号'],
    ['沪崇民【2020】10号', '沪崇民〔2020〕10号'],
    ['沪崇民［2020］10号', '沪崇民〔2020〕10号'],
    ['沪崇民 〔2020〕 第10号', '沪崇民〔2020〕第10号'],
  ])('%s → %s', (raw, normalised) => expect(normaliseDocNumber(raw)).toBe(normalised));
});

describe('noticeMeta', () => {
  test('joins a title wrapped over lines, normalises the number, gives ISO dates', () => {
    const text = [
      '索引号：\tA-1\t主题分类：\t科技、教育\\教育',
      '发文机关：\t国务院\t成文日期：\t2019年01月24日',
      '发文字号：\t国发(2019)4号\t发布日期：\t2019年02月13日',
      '国务院关于印发国家职业教育改革',
      '实施方案的通知',
      '各省、自治区、直辖市人民政府：',
    ].join('\r\n');
    expect(noticeMeta(parseNotice(text))).toEqual({
      title: '国务院关于印发国家职业教育改革实施方案的通知',
      issuer: '国务院',
      docNumber: '国发〔2019〕4号',
      indexNo: 'A-1',
      topicRaw: '科技、教育\\教育',
      writtenDate: '2019-01-24',
      publishDate: '2019-02-13',
      effectiveDate: null,
      expiryDate: null,
    });
  });

  test('all null for an empty text', () => {
    expect(Object.values(noticeMeta(parseNotice('')))).toEqual(Array(9).fill(null));
  });
});
