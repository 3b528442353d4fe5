/**
 * Which map of the top score calibrates best, measured rather than assumed: the held-out top
 * scores of the cross-validated models with their temperatures alone, then through a Platt map or
 * an isotonic map, each fitted on the other folds' scores and applied to the fold (nested, so no
 * score is mapped by a fit that saw it).
 */
import {
  expectedCalibrationError,
  fitPlatt,
  type ScoredSuggestion,
} from '../../src/domain/classifier/calibrate';
import { mappedTopScore } from '../../src/domain/classifier/score';

export interface FoldScore extends ScoredSuggestion {
  readonly fold: number;
}

export interface MethodErrors {
  readonly temperature: number;
  readonly platt: number;
  readonly isotonic: number;
}

/** Pool-adjacent-violators: a non-decreasing step map from score to the share right. */
export function fitIsotonic(points: readonly ScoredSuggestion[]): (score: number) => number {
  const blocks: { upTo: number; right: number; n: number }[] = [];
  for (const p of [...points].sort((a, b) => a.confidence - b.confidence)) {
    blocks.push({ upTo: p.confidence, right: p.correct ? 1 : 0, n: 1 });
    for (;;) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (!last || !before || before.right / before.n < last.right / last.n) break;
      blocks.splice(blocks.length - 2, 2, {
        upTo: last.upTo,
        right: before.right + last.right,
        n: before.n + last.n,
      });
    }
  }
  return (score) => {
    const block = blocks.find((b) => score <= b.upTo) ?? blocks[blocks.length - 1];
    return block ? block.right / block.n : score;
  };
}

/** Calibration error (10 bins) of the top scores as they are, and through each nested map. */
export function compareCalibrationMethods(scores: readonly FoldScore[]): MethodErrors {
  const folds = [...new Set(scores.map((s) => s.fold))];
  const mapped = (fit: (train: readonly FoldScore[]) => (score: number) => number) =>
    folds.flatMap((k) => {
      const map = fit(scores.filter((s) => s.fold !== k));
      return scores
        .filter((s) => s.fold === k)
        .map((s) => ({ confidence: map(s.confidence), correct: s.correct }));
    });
  return {
    temperature: expectedCalibrationError(scores),
    platt: expectedCalibrationError(
      mapped((train) => {
        const map = fitPlatt(train);
        return (score) => mappedTopScore(score, map);
      }),
    ),
    isotonic: expectedCalibrationError(mapped(fitIsotonic)),
  };
}
