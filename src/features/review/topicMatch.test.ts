import { describe, expect, it } from 'vitest';
import { TAXONOMY, taxonomyLeaves } from '../../domain/taxonomy/taxonomy';
import { matchTopics, pinyinInitials } from './topicMatch';

const labels = (q: string): string[] => matchTopics(q).map((o) => o.label);

describe('matchTopics', () => {
  it('offers every leaf, in taxonomy order, for an empty query', () => {
    expect(matchTopics('  ')).toHaveLength(taxonomyLeaves().length);
    expect(labels('')[0]).toBe('国务院组织机构 › 国务院');
  });

  it('puts the sub-class named by the query first', () => {
    expect(labels('社会福利')[0]).toBe('民政、扶贫、救灾 › 社会福利');
    expect(labels('教育')[0]).toBe('科技、教育 › 教育');
  });

  it('matches the first level and lists all its sub-classes', () => {
    const found = labels('民政');
    expect(found.slice(0, 7).every((l) => l.startsWith('民政、扶贫、救灾 › '))).toBe(true);
    expect(found).toContain('民政、扶贫、救灾 › 其他');
  });

  it('matches aliases other sites use, including ASCII brackets', () => {
    expect(labels('港澳台工作')).toEqual([
      '港澳台侨工作 › 港澳工作',
      '港澳台侨工作 › 对台工作',
      '港澳台侨工作 › 侨务工作',
    ]);
    expect(labels('货币(含外汇)')[0]).toBe('财政、金融、审计 › 货币（含外汇）');
    expect(labels('货币（含外汇）')[0]).toBe('财政、金融、审计 › 货币（含外汇）');
  });

  it('ignores the 、 inside names and reads both levels from one query', () => {
    expect(labels('民政扶贫救灾-其他')).toEqual(['民政、扶贫、救灾 › 其他']);
    expect(labels('民政 其他')).toEqual(['民政、扶贫、救灾 › 其他']);
    expect(labels('农业畜牧业')[0]).toBe('农业、林业、水利 › 农业、畜牧业、渔业');
  });

  it('matches pinyin initials of either level', () => {
    expect(labels('shfl')[0]).toBe('民政、扶贫、救灾 › 社会福利');
    expect(labels('MZFP')[0]).toBe('民政、扶贫、救灾 › 减灾救灾');
    expect(labels('mz')).toEqual(
      expect.arrayContaining(['民族、宗教 › 民族事务', '民政、扶贫、救灾 › 扶贫']),
    );
  });

  it('knows a few everyday words clerks use for a subject', () => {
    expect(labels('殡葬')).toEqual(['民政、扶贫、救灾 › 其他']);
    expect(labels('养老')[0]).toBe('民政、扶贫、救灾 › 社会福利');
  });

  it('finds nothing for text unrelated to the taxonomy', () => {
    expect(matchTopics('量子纠缠态')).toEqual([]);
  });

  it('offers the top-level 其他, which has no sub-class', () => {
    expect(
      matchTopics('其他').some((o) => o.path.label1 === '其他' && o.path.label2 === null),
    ).toBe(true);
  });
});

describe('pinyinInitials', () => {
  it('covers every character of every name in the taxonomy', () => {
    const names = TAXONOMY.classes.flatMap((c) => [c.name, ...c.children.map((s) => s.name)]);
    expect(names.filter((n) => pinyinInitials(n) === null)).toEqual([]);
  });
});
