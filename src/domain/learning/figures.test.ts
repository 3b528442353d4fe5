import { describe, expect, it } from 'vitest';
import { crossValidatedFigure, FEW_EXAMPLES } from './figures';

describe('crossValidatedFigure', () => {
  it('gives a wide interval and says "few" for 25 level-2 examples, a narrow one for 1,000', () => {
    const few = crossValidatedFigure(0.6, 25);
    const many = crossValidatedFigure(0.6, 1000);
    expect(few?.few).toBe(true);
    expect(many?.few).toBe(false);
    expect(few && few.high - few.low).toBeGreaterThan(0.3);
    expect(many && many.high - many.low).toBeLessThan(0.07);
    for (const f of [few, many]) {
      expect(f && f.low <= 0.6 && 0.6 <= f.high).toBe(true);
    }
  });

  it('has no figure without examples, and "few" ends at FEW_EXAMPLES', () => {
    expect(crossValidatedFigure(0, 0)).toBeNull();
    expect(crossValidatedFigure(1, FEW_EXAMPLES - 1)?.few).toBe(true);
    expect(crossValidatedFigure(1, FEW_EXAMPLES)?.few).toBe(false);
    expect(crossValidatedFigure(1, 10)?.high).toBe(1);
  });
});
