import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TAXONOMY } from '../src/domain/taxonomy/taxonomy.ts';
import {
  COMPOSED_JSONL,
  buildComposed,
  headerTopic,
  parseLabels,
  toJsonl,
} from './build-composed.ts';

describe('eval/composed (the development set of notices the team composed)', () => {
  const build = buildComposed();

  it('labels every notice file, names only existing files, and every label is on the taxonomy', () => {
    expect(build.problems).toEqual([]);
  });

  it('eval/composed/notices.jsonl is regenerated from the current .txt and labels.tsv', () => {
    expect(existsSync(COMPOSED_JSONL), '请运行 npx tsx scripts/build-composed.ts').toBe(true);
    expect(readFileSync(COMPOSED_JSONL, 'utf8') === toJsonl(build.notices)).toBe(true);
  });

  it('covers every top-level class at least three times and at least 70 sub-classes', () => {
    const perClass = new Map<string, number>();
    for (const n of build.notices) perClass.set(n.label1, (perClass.get(n.label1) ?? 0) + 1);
    const thin = TAXONOMY.classes
      .map((c) => c.name)
      .filter((name) => (perClass.get(name) ?? 0) < 3);
    expect(thin).toEqual([]);
    expect(new Set(build.notices.map((n) => n.label)).size).toBeGreaterThanOrEqual(70);
    expect(build.notices.length).toBeGreaterThanOrEqual(150);
  });

  it('keeps notices between 150 and 1500 Chinese characters', () => {
    const outside = build.notices
      .map((n) => ({ id: n.id, han: (n.text.match(/\p{Script=Han}/gu) ?? []).length }))
      .filter((n) => n.han < 150 || n.han > 1500);
    expect(outside).toEqual([]);
  });
});

describe('parseLabels', () => {
  it('skips the column header and reports rows with missing columns by line', () => {
    const { rows, problems } = parseLabels(
      'file\tlabel\tformat\tnote\na.txt\t综合政务\\政务公开\tshort\teasy: 年报\nb.txt\t综合政务\n',
    );
    expect(rows.map((r) => r.file)).toEqual(['a.txt']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('第 3 行');
  });
});

describe('headerTopic', () => {
  it('reads the Shanghai layout, value on the line after the label', () => {
    expect(headerTopic('索引号:\nX1\n主题分类:\n民政、扶贫、救灾-其他\n公开主体:\n某局')).toBe(
      '民政、扶贫、救灾-其他',
    );
  });

  it('treats a Shanghai label followed directly by the next label as empty', () => {
    expect(headerTopic('主题分类:\n公开主体:\n某局')).toBe('');
  });

  it('reads the gov.cn tab-separated row, empty or filled', () => {
    expect(headerTopic('索引号：\t0001/2019-1\t主题分类：\t科技、教育\\教育\n')).toBe(
      '科技、教育\\教育',
    );
    expect(headerTopic('索引号：\t0001/2019-1\t主题分类：\t\n发文机关：\t国务院')).toBe('');
  });

  it('returns null for a notice pasted without a header', () => {
    expect(headerTopic('关于做好防汛工作的通知\n各乡镇：\n……')).toBeNull();
  });
});
