import { beforeAll, describe, expect, it } from 'vitest';
import { loadTopicCoverage } from './coverage';
import pinyinJson from './pinyin.json';
import { groupByClass, searchTopics, type TopicCoverage } from './search';
import { TAXONOMY, taxonomyLeaves } from './taxonomy';

let coverage: TopicCoverage;
beforeAll(async () => {
  coverage = await loadTopicCoverage();
});

const labels = (q: string, c: TopicCoverage | null = coverage): string[] =>
  searchTopics(q, c).map((o) => o.label);
const first = (q: string) => searchTopics(q, coverage)[0];

describe('searchTopics on names, aliases and initials', () => {
  it('offers every leaf, in taxonomy order, for an empty query: 122 under 22 classes', () => {
    const all = searchTopics('  ', coverage);
    expect(all).toHaveLength(122);
    expect(all).toHaveLength(taxonomyLeaves().length);
    expect(all[0]?.label).toBe('国务院组织机构 › 国务院');
    expect(all.every((o) => o.hint === null)).toBe(true);
    const groups = groupByClass(all);
    expect(groups.map((g) => g.label1)).toEqual(TAXONOMY.classes.map((c) => c.name));
    expect(groups.find((g) => g.label1 === '其他')?.options.map((o) => o.label)).toEqual(['其他']);
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

  it('matches aliases other sites use, including ASCII brackets, and names the alias', () => {
    expect(labels('港澳台工作')).toEqual([
      '港澳台侨工作 › 港澳工作',
      '港澳台侨工作 › 对台工作',
      '港澳台侨工作 › 侨务工作',
    ]);
    expect(first('港澳台工作')?.hint).toEqual({ kind: 'alias', text: '港澳台工作' });
    expect(labels('货币(含外汇)')[0]).toBe('财政、金融、审计 › 货币（含外汇）');
    expect(labels('货币（含外汇）')[0]).toBe('财政、金融、审计 › 货币（含外汇）');
  });

  it('ignores the 、 inside names and reads both levels from one query', () => {
    expect(labels('民政扶贫救灾-其他')).toEqual(['民政、扶贫、救灾 › 其他']);
    expect(labels('民政 其他')).toEqual(['民政、扶贫、救灾 › 其他']);
    expect(labels('农业畜牧业')[0]).toBe('农业、林业、水利 › 农业、畜牧业、渔业');
  });

  it('matches pinyin initials of either level, word by word', () => {
    expect(labels('shfl')[0]).toBe('民政、扶贫、救灾 › 社会福利');
    expect(labels('MZFP')[0]).toBe('民政、扶贫、救灾 › 减灾救灾');
    expect(labels('mz')).toEqual(
      expect.arrayContaining(['民族、宗教 › 民族事务', '民政、扶贫、救灾 › 扶贫']),
    );
    // 银行 is yinhang: the hand-written table it replaces read 行 as xing everywhere.
    expect(labels('yh')).toContain('财政、金融、审计 › 银行');
  });

  it('finds nothing for text unrelated to the taxonomy', () => {
    expect(searchTopics('量子纠缠态', coverage)).toEqual([]);
  });

  it('offers the top-level 其他, which has no sub-class', () => {
    expect(
      searchTopics('其他', coverage).some(
        (o) => o.path.label1 === '其他' && o.path.label2 === null,
      ),
    ).toBe(true);
  });

  it('keeps names, aliases and initials working before the coverage is loaded', () => {
    expect(labels('社会福利', null)[0]).toBe('民政、扶贫、救灾 › 社会福利');
    expect(labels('hjbh', null)[0]).toMatch(/^城乡建设、环境保护 › /u);
    expect(labels('固体废物', null)).toEqual([]);
  });
});

describe('searchTopics on what each class covers (the prior’s terms)', () => {
  const hint = (q: string) => first(q)?.hint;

  it('环保: environmental protection, through the term 环保', () => {
    expect(labels('环保')[0]).toBe('城乡建设、环境保护 › 环境监测、保护与治理');
    expect(hint('环保')).toEqual({ kind: 'term', text: '环保' });
  });

  it('hjbh: the initials of 环境保护 put its sub-class first among the class', () => {
    const found = labels('hjbh');
    expect(found[0]).toBe('城乡建设、环境保护 › 环境监测、保护与治理');
    expect(found.slice(0, 5).every((l) => l.startsWith('城乡建设、环境保护 › '))).toBe(true);
  });

  it('固体废物 and 无废: the sub-class that covers them, with the matching term', () => {
    expect(first('固体废物')).toMatchObject({
      label: '城乡建设、环境保护 › 环境监测、保护与治理',
      hint: { kind: 'term', text: '固体废物' },
    });
    expect(first('无废')).toMatchObject({
      label: '城乡建设、环境保护 › 环境监测、保护与治理',
      hint: { kind: 'term', text: '无废城市' },
    });
  });

  it('执法: every class whose terms speak of it, the one with most such terms first', () => {
    const found = searchTopics('执法', coverage);
    expect(found[0]?.label).toBe('市场监管、安全生产监管 › 其他');
    expect(found.map((o) => o.label)).toEqual(
      expect.arrayContaining([
        '综合政务 › 其他',
        '国土资源、能源 › 土地',
        '城乡建设、环境保护 › 环境监测、保护与治理',
        '文化、广电、新闻出版 › 文物',
        '公安、安全、司法 › 司法',
      ]),
    );
    expect(found.every((o) => o.hint?.kind === 'term' && o.hint.text.includes('执法'))).toBe(true);
  });

  it('everyday words clerks think in: 殡葬, 养老, 低保', () => {
    expect(labels('殡葬')[0]).toBe('民政、扶贫、救灾 › 其他');
    expect(labels('养老')[0]).toBe('民政、扶贫、救灾 › 社会福利');
    expect(labels('低保')[0]).toBe('民政、扶贫、救灾 › 社会福利');
  });

  it('a term’s initials (gtfw → 固体废物), and a phrase that contains a term', () => {
    expect(first('gtfw')).toMatchObject({
      label: '城乡建设、环境保护 › 环境监测、保护与治理',
      hint: { kind: 'term', text: '固体废物' },
    });
    expect(labels('加强固体废物污染防治')[0]).toBe('城乡建设、环境保护 › 环境监测、保护与治理');
  });

  it('a name still ranks above a term that mentions it', () => {
    expect(labels('教育')[0]).toBe('科技、教育 › 教育');
    expect(first('教育')?.hint).toBeNull();
  });
});

describe('pinyin.json', () => {
  it('has initials for every name, one entry per word between 、', () => {
    const names = TAXONOMY.classes.flatMap((c) => [c.name, ...c.children.map((s) => s.name)]);
    const table = new Map(Object.entries(pinyinJson.names));
    for (const name of names) {
      expect(table.get(name)?.length, name).toBe(name.split('、').length);
    }
  });
});
