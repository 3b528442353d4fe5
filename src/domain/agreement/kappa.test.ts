import { describe, expect, it } from 'vitest';
import { agreementWithFinal, classKappas, cohensKappa, type LabelPair } from './kappa';

/** n copies of a pair. */
function times(n: number, pair: LabelPair): LabelPair[] {
  return Array.from({ length: n }, () => pair);
}

describe("Cohen's kappa", () => {
  it('gives 0.4 on the standard 2×2 example (20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no)', () => {
    const pairs = [
      ...times(20, ['yes', 'yes']),
      ...times(5, ['yes', 'no']),
      ...times(10, ['no', 'yes']),
      ...times(15, ['no', 'no']),
    ];
    const k = cohensKappa(pairs);
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 10);
    expect(k.expected).toBeCloseTo(0.5, 10);
    expect(k.kappa).toBeCloseTo(0.4, 10);
  });

  it('is 1 for perfect agreement over several classes and negative for systematic disagreement', () => {
    expect(cohensKappa([...times(3, ['a', 'a']), ...times(2, ['b', 'b'])]).kappa).toBeCloseTo(1);
    expect(cohensKappa([...times(5, ['a', 'b']), ...times(5, ['b', 'a'])]).kappa).toBeCloseTo(-1);
  });

  it('is undefined (null), not 1 or a division by zero, with no pairs or only one label ever used', () => {
    expect(cohensKappa([]).kappa).toBeNull();
    expect(cohensKappa(times(4, ['a', 'a'])).kappa).toBeNull();
  });

  it('counts labels as exact strings: keys such as constructor or __proto__ are ordinary labels', () => {
    const k = cohensKappa([
      ['constructor', 'constructor'],
      ['__proto__', '__proto__'],
      ['constructor', '__proto__'],
    ]);
    expect(k.n).toBe(3);
    expect(k.observed).toBeCloseTo(2 / 3);
  });
});

describe('per-class kappa', () => {
  it('rates each class against the rest, most used first', () => {
    const pairs: LabelPair[] = [
      ...times(4, ['教育', '教育']),
      ...times(2, ['卫生', '卫生']),
      ['教育', '卫生'],
      ['财政', '财政'],
    ];
    const rows = classKappas(pairs);
    expect(rows.map((r) => r.label)).toEqual(['教育', '卫生', '财政']);
    expect(rows[0]?.support).toBe(9);
    // 财政: both clerks always agree on it → kappa 1; 教育 and 卫生 disagree once → below 1
    expect(rows.find((r) => r.label === '财政')?.kappa).toBeCloseTo(1);
    expect(rows[0]?.kappa).toBeLessThan(1);
    expect(rows[0]?.kappa).toBeGreaterThan(0.5);
  });
});

describe('agreement with the final label', () => {
  it('gives each clerk the share of their decisions that became final', () => {
    const rows = agreementWithFinal([
      { rater: '张三', label: 'a', final: 'a' },
      { rater: '李四', label: 'b', final: 'a' },
      { rater: '张三', label: 'b', final: 'b' },
      { rater: '张三', label: 'c', final: 'b' },
    ]);
    expect(rows).toEqual([
      { rater: '张三', n: 3, agreed: 2, rate: 2 / 3 },
      { rater: '李四', n: 1, agreed: 0, rate: 0 },
    ]);
  });
});
