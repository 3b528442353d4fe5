/** Raw scoring: logits over the leaves, the temperature-scaled softmax, level-1 sums. */
import type { Model, WeightRow } from './model';

export function logits(
  weights: ReadonlyMap<string, WeightRow>,
  features: ReadonlyMap<string, number>,
  labelCount: number,
): Float64Array {
  const out = new Float64Array(labelCount);
  for (const [feature, x] of features) {
    const row = weights.get(feature);
    if (!row) continue;
    for (let i = 0; i < row.labels.length; i++) {
      const label = row.labels[i] ?? 0;
      out[label] = (out[label] ?? 0) + x * (row.values[i] ?? 0);
    }
  }
  return out;
}

/** Softmax of logits / temperature; stable for large logits. */
export function softmax(z: ArrayLike<number>, temperature = 1): Float64Array {
  const out = new Float64Array(z.length);
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, (z[i] ?? 0) / temperature);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp((z[i] ?? 0) / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** softmax(z / temperature), with `floor` of the probability spread evenly over all entries. */
export function calibratedSoftmax(
  z: ArrayLike<number>,
  temperature: number,
  floor: number,
): Float64Array {
  const p = softmax(z, temperature);
  if (floor === 0) return p;
  for (let i = 0; i < p.length; i++) p[i] = (1 - floor) * (p[i] ?? 0) + floor / p.length;
  return p;
}

/** Calibrated leaf probabilities of a featurised notice. */
export function probabilities(model: Model, features: ReadonlyMap<string, number>): Float64Array {
  return calibratedSoftmax(
    logits(model.weights, features, model.labels.length),
    model.calibration.temperature,
    model.calibration.floor,
  );
}

/**
 * Whether a suggestion should not be trusted on its own: the top leaf is below the model's
 * minScore, or the second is within minMargin of it.
 */
export function isUncertain(model: Model, probs: ArrayLike<number>): boolean {
  let first = 0;
  let second = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] ?? 0;
    if (p > first) {
      second = first;
      first = p;
    } else if (p > second) second = p;
  }
  return first < model.calibration.minScore || first - second < model.calibration.minMargin;
}

/** Level-1 probability = sum of its leaves' probabilities, so the hierarchy is consistent by construction. */
export function level1Scores(model: Model, probs: ArrayLike<number>): Map<string, number> {
  const out = new Map<string, number>();
  model.labels.forEach((path, i) => {
    out.set(path.label1, (out.get(path.label1) ?? 0) + (probs[i] ?? 0));
  });
  return out;
}
