/**
 * An office's conventions: its local model learns how far it follows each of gov.cn's cataloguing
 * conventions, and the clerk is told where it differs.
 */
import { describe, expect, it } from 'vitest';
import { classifyNotice, readPrior, trainModel, type LabelledExample } from '../classifier';
import { makeNotice, TINY_PRIOR } from '../classifier/test-support/fixtures';
import { conventionHabits } from './habits';

describe('an office that files coordinating bodies its own way', () => {
  // The prior's convention: the staffing of a 领导小组 goes to 国务院组织机构 (gov.cn's habit).
  const prior = readPrior({
    terms: { schemaVersion: 1, entries: TINY_PRIOR.terms },
    issuers: { schemaVersion: 1, entries: [] },
    rules: {
      schemaVersion: 1,
      rules: [
        {
          id: 'coordinating-body',
          name: '领导小组的设立和调整',
          description: '领导小组归入议事协调机构',
          titlePattern: '领导小组',
          target: '国务院组织机构\\国务院议事协调机构',
          weight: 1,
          share: 0.6,
        },
      ],
    },
  });
  const base = trainModel([], { prior });
  const subjects = [
    ['养老服务', { label1: '民政、扶贫、救灾', label2: '社会福利' }],
    ['职业教育', { label1: '科技、教育', label2: '教育' }],
    ['医院', { label1: '卫生、体育', label2: '卫生' }],
  ] as const;
  const groups = subjects.map(([words, path]) => ({ words, path }));
  const group = '国务院组织机构\\国务院议事协调机构';
  function history(followsConvention: boolean): LabelledExample[] {
    return Array.from({ length: 60 }, (_, i) => {
      const { words, path } = groups[i % groups.length] ?? { words: '', path: null };
      const staffing = i % 2 === 0;
      const title = staffing
        ? `关于调整${words}工作领导小组成员的通知`
        : `关于加强${words}工作的通知`;
      const label =
        staffing && followsConvention
          ? { label1: '国务院组织机构', label2: '国务院议事协调机构' }
          : (path ?? { label1: '其他', label2: null });
      return { parsed: makeNotice({ title, body: `${words}。` }), path: label, group: `${i}` };
    });
  }
  const shareOf = (m: typeof base): number | undefined =>
    m.lexicon.rules.find((r) => r.id === 'coordinating-body')?.override?.share;
  const fresh = makeNotice({ title: '关于成立医院建设领导小组的通知', body: '医院。' });

  it('learns from its history that it files them by subject, and suggests so', () => {
    expect(classifyNotice(base, fresh).top[0]?.path).toBe(group);
    const local = trainModel(history(false), { base, prior });
    expect(shareOf(local) ?? 0).toBeLessThan(0.3);
    // The clerk is told, in the convention's own words.
    expect(conventionHabits(local, base)).toEqual([
      {
        id: 'coordinating-body',
        name: '领导小组的设立和调整',
        usual: 0.6,
        office: shareOf(local) ?? 0,
      },
    ]);
    expect(classifyNotice(local, fresh).top[0]?.path).toBe('卫生、体育\\卫生');
  });

  it('keeps the convention when its history follows it', () => {
    const local = trainModel(history(true), { base, prior });
    expect(shareOf(local) ?? 0).toBeGreaterThanOrEqual(0.5);
    expect(conventionHabits(local, base)).toEqual([]);
    expect(classifyNotice(local, fresh).top[0]?.path).toBe(group);
  });
});
