/** Temperature scaling and expected calibration error (ECE). */
import { softmax } from './score';

/** Mean negative log-likelihood of the true leaves under softmax(logits / T). */
export function negativeLogLikelihood(
  rows: readonly { readonly logits: ArrayLike<number>; readonly target: number }[],
  temperature: number,
): number {
  let sum = 0;
  for (const row of rows) {
    const p = softmax(row.logits, temperature)[row.target] ?? 0;
    sum -= Math.log(Math.max(p, 1e-12));
  }
  return rows.length === 0 ? 0 : sum / rows.length;
}

/**
 * The temperature that minimises held-out NLL: a log-spaced scan then golden-section refinement.
 * Returns 1 when there is nothing to fit on.
 */
export function fitTemperature(
  rows: readonly { readonly logits: ArrayLike<number>; readonly target: number }[],
): number {
  if (rows.length === 0) return 1;
  let best = 1;
  let bestLoss = Infinity;
  for (let e = -2; e <= 2.0001; e += 0.1) {
    const t = Math.pow(10, e);
    const loss = negativeLogLikelihood(rows, t);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  let lo = Math.log(best) - 0.25;
  let hi = Math.log(best) + 0.25;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 30; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (negativeLogLikelihood(rows, Math.exp(a)) < negativeLogLikelihood(rows, Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/** One bin of a reliability table: predictions whose top-1 confidence fell in [from, to). */
export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  /** Mean top-1 confidence in the bin. */
  readonly confidence: number;
  /** Share of the bin's predictions that were right. */
  readonly accuracy: number;
}

/** Reliability table over equal-width confidence bins; empty bins are left out. */
export function reliability(
  predictions: readonly { readonly confidence: number; readonly correct: boolean }[],
  bins = 10,
): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const p of predictions) {
    const b = Math.min(bins - 1, Math.floor(p.confidence * bins));
    count[b] = (count[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + p.confidence;
    hits[b] = (hits[b] ?? 0) + (p.correct ? 1 : 0);
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n === 0) continue;
    out.push({
      from: b / bins,
      to: (b + 1) / bins,
      n,
      confidence: (conf[b] ?? 0) / n,
      accuracy: (hits[b] ?? 0) / n,
    });
  }
  return out;
}

/** Expected calibration error of top-1 confidence over equal-width bins. */
export function expectedCalibrationError(
  predictions: readonly { readonly confidence: number; readonly correct: boolean }[],
  bins = 10,
): number {
  let ece = 0;
  for (const bin of reliability(predictions, bins)) {
    ece += (bin.n / predictions.length) * Math.abs(bin.confidence - bin.accuracy);
  }
  return ece;
}
