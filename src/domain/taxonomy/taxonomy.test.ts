import { describe, expect, it } from 'vitest';
import { TAXONOMY, formatTopic, normaliseTopic, taxonomyLeaves, topicKey } from './taxonomy';
import { message } from '../message';

describe('the taxonomy', () => {
  it('has the 22 classes and 121 sub-classes of gov.cn', () => {
    expect(TAXONOMY.classes).toHaveLength(22);
    expect(TAXONOMY.classes.reduce((n, c) => n + c.children.length, 0)).toBe(121);
    // 121 sub-classes plus the top-level 其他, which has no children
    expect(taxonomyLeaves()).toHaveLength(122);
  });
});

describe('normaliseTopic', () => {
  const path = (label1: string, label2: string | null) => ({ ok: true, path: { label1, label2 } });

  it.each([
    ['民政、扶贫、救灾-其他', '民政、扶贫、救灾', '其他'],
    ['民政、扶贫、救灾\\社会福利', '民政、扶贫、救灾', '社会福利'],
    ['民政、扶贫、救灾/社会福利', '民政、扶贫、救灾', '社会福利'],
    ['民政、扶贫、救灾／社会福利', '民政、扶贫、救灾', '社会福利'],
    ['民政、扶贫、救灾 > 社会福利', '民政、扶贫、救灾', '社会福利'],
    ['科技、教育\\教育', '科技、教育', '教育'],
    ['农业、林业、水利-农业、畜牧业、渔业', '农业、林业、水利', '农业、畜牧业、渔业'],
    ['财政、金融、审计\\货币(含外汇)', '财政、金融、审计', '货币（含外汇）'],
    ['国民经济管理国有资产监管-其他', '国民经济管理、国有资产监管', '其他'],
    ['港澳台工作/对台工作', '港澳台侨工作', '对台工作'],
    [' 民政扶贫救灾 - 其他 ', '民政、扶贫、救灾', '其他'],
  ])('reads %s', (raw, label1, label2) => {
    expect(normaliseTopic(raw)).toEqual(path(label1, label2));
  });

  it('accepts a level-1 label alone', () => {
    expect(normaliseTopic('卫生、体育')).toEqual(path('卫生、体育', null));
    expect(normaliseTopic('其他')).toEqual(path('其他', null));
  });

  it('never splits a name on 、', () => {
    const result = normaliseTopic('农业、畜牧业、渔业');
    expect(result.ok).toBe(false);
  });

  it('keeps unknown labels with the reason, as a catalogue message', () => {
    expect(normaliseTopic('宇宙探索\\火星')).toMatchObject({ ok: false, raw: '宇宙探索\\火星' });
    expect(normaliseTopic('民政、扶贫、救灾-火星')).toMatchObject({
      ok: false,
      reason: message('topicLeafUnknown', { label1: '民政、扶贫、救灾', label2: '火星' }),
    });
    expect(normaliseTopic('  ')).toMatchObject({ ok: false, reason: message('topicEmpty') });
  });

  it('formats a path with the chosen separator', () => {
    const p = { label1: '民政、扶贫、救灾', label2: '其他' };
    expect(formatTopic(p, '-')).toBe('民政、扶贫、救灾-其他');
    expect(topicKey(p)).toBe('民政、扶贫、救灾\\其他');
    expect(formatTopic({ label1: '其他', label2: null }, '\\')).toBe('其他');
  });
});
