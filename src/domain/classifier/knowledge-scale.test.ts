import { describe, expect, it } from 'vitest';
import { channelRow, fitKnowledgeScale } from './knowledge-scale';

describe('fitKnowledgeScale', () => {
  // Four leaves; the issuer always points at leaf 0 and the title's term at leaf 1, where every
  // notice belongs: fitted freely, the issuer's scale falls.
  const L = 4;
  const unit = new Map<string, Float64Array>([
    ['i:某办公厅', Float64Array.from([1, 0, 0, 0])],
    ['t:某主题', Float64Array.from([0, 1, 0, 0])],
  ]);
  const rows = Array.from({ length: 40 }, () =>
    channelRow(
      new Map([
        ['i:某办公厅', 1],
        ['t:某主题', 1],
      ]),
      unit,
      L,
      [1],
      1,
      0,
    ),
  );

  it('lowers a channel the labels argue against, unless it is kept at a stated scale', () => {
    expect(fitKnowledgeScale(rows, L).scale.issuer).toBeLessThan(0.5);
    const kept = fitKnowledgeScale(rows, L, { fixed: { issuer: 1 } }).scale;
    expect(kept.issuer).toBe(1);
    expect(kept.title).toBeGreaterThan(1);
  });
});
