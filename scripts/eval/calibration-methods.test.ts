import { describe, expect, it } from 'vitest';
import { prng } from '../../src/domain/classifier/optimise';
import { compareCalibrationMethods, fitIsotonic, type FoldScore } from './calibration-methods';

describe('fitIsotonic', () => {
  it('maps a score to the share right among scores like it, never decreasing', () => {
    const map = fitIsotonic([
      { confidence: 0.2, correct: false },
      { confidence: 0.3, correct: true },
      { confidence: 0.4, correct: false },
      { confidence: 0.9, correct: true },
    ]);
    expect(map(0.1)).toBe(0);
    expect(map(0.35)).toBe(0.5);
    expect(map(0.9)).toBe(1);
    expect(map(0.95)).toBe(1);
  });
});

describe('compareCalibrationMethods', () => {
  it('finds that a map fitted on the other folds calibrates scores that say 0.9 but are right 60%', () => {
    const random = prng(5);
    const scores: FoldScore[] = Array.from({ length: 500 }, (_, i) => ({
      fold: i % 5,
      confidence: 0.8 + 0.2 * random(),
      correct: random() < 0.6,
    }));
    const errors = compareCalibrationMethods(scores);
    expect(errors.temperature).toBeGreaterThan(0.2);
    expect(errors.platt).toBeLessThan(0.1);
    expect(errors.isotonic).toBeLessThan(0.1);
  });
});
