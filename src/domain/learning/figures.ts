/**
 * A cross-validated figure as a clerk should read it: the share, its 95% interval and the number of
 * notices behind it, flagged as less sure when those are few (level 2 often has only a few dozen).
 */
import { wilsonInterval } from '../classifier/evaluate';

/** Below this many scored notices a figure's interval is wider than ±10 points or so: said plainly. */
export const FEW_EXAMPLES = 100;

export interface CrossValidatedFigure {
  readonly share: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
  readonly few: boolean;
}

/** `share` of `n` notices right; null when there were none (no figure to show). */
export function crossValidatedFigure(share: number, n: number): CrossValidatedFigure | null {
  if (n <= 0) return null;
  const { low, high } = wilsonInterval(Math.round(share * n), n);
  return { share, low, high, n, few: n < FEW_EXAMPLES };
}
