/** Temperature scaling with a floor, and expected calibration error (ECE). */
import { calibratedSoftmax } from './score';

/**
 * Held-out scores: the logits and the true leaf, or `targets` (every leaf of the class) for an
 * example labelled at level 1 only.
 */
export type CalibrationRows = readonly {
  readonly logits: ArrayLike<number>;
  readonly target: number;
  readonly targets?: readonly number[];
}[];
type Rows = CalibrationRows;

/** Mean negative log-likelihood of the true leaves under the calibrated softmax. */
export function negativeLogLikelihood(rows: Rows, temperature: number, floor = 0): number {
  let sum = 0;
  for (const row of rows) {
    const p = calibratedSoftmax(row.logits, temperature, floor);
    let mass = 0;
    for (const t of row.targets ?? [row.target]) mass += p[t] ?? 0;
    sum -= Math.log(Math.max(mass, 1e-12));
  }
  return rows.length === 0 ? 0 : sum / rows.length;
}

/**
 * The temperature that minimises held-out NLL (at a given floor): a log-spaced scan then
 * golden-section refinement. Returns 1 when there is nothing to fit on.
 */
export function fitTemperature(rows: Rows, floor = 0): number {
  if (rows.length === 0) return 1;
  let best = 1;
  let bestLoss = Infinity;
  for (let e = -2; e <= 2.0001; e += 0.1) {
    const t = Math.pow(10, e);
    const loss = negativeLogLikelihood(rows, t, floor);
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
    const la = negativeLogLikelihood(rows, Math.exp(a), floor);
    if (la < negativeLogLikelihood(rows, Math.exp(b), floor)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/** Floors tried by fitCalibration: shares of probability spread evenly over the leaves. */
const FLOORS = [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12];

/**
 * Temperature and floor that together minimise held-out NLL. The floor is the share of cases where
 * the catalogue's label is not what the evidence says (a convention, a clerk's habit): temperature
 * alone cannot express that a confident model is still wrong now and then, without also blurring
 * every easy case. { temperature: 1, floor: 0 } when there is nothing to fit on.
 */
export function fitCalibration(rows: Rows): { temperature: number; floor: number } {
  let best = { temperature: 1, floor: 0 };
  if (rows.length === 0) return best;
  let bestLoss = Infinity;
  for (const floor of FLOORS) {
    const temperature = fitTemperature(rows, floor);
    const loss = negativeLogLikelihood(rows, temperature, floor);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = { temperature, floor };
    }
  }
  return best;
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
