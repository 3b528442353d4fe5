/** Raw scoring: logits over the leaves, the temperature-scaled softmax, level-1 sums. */
import { topicKey } from '../taxonomy/taxonomy';
import { termCounts, type Features, type Override } from './featurise';
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

/** How far a title term must favour one named sub-class over its class's 其他 to name its subject. */
const SPECIFIC = 0.75;

/**
 * Whether the title names the subject of one named sub-class (政务公开工作要点, 河长制工作计划): such
 * a plan is about that sub-class, and the broad-plan convention (→ 其他) does not apply to it.
 */
function titleNamesSubclass(model: Model, features: Features): boolean {
  // The issuer's own name in a title (沙河县文化广电和旅游局2022年工作要点) names the bureau, not the
  // plan's subject.
  let title = features.regions
    .filter((r) => r.kind === 'title')
    .map((r) => r.text)
    .join('\n');
  for (const pattern of model.compiled.issuerPatterns) {
    if (pattern.length >= 2) title = title.split(pattern).join('\n');
  }
  if (title.trim() === '') return false;
  const otherOf = new Map<string, number>();
  model.labels.forEach((path, i) => {
    if (path.label2 === '其他') otherOf.set(path.label1, i);
  });
  for (const term of termCounts(title, model.compiled).keys()) {
    const row = model.weights.get(`p:${term}`);
    if (!row || row.labels.length === 0) continue;
    let best = 0;
    row.values.forEach((v, i) => {
      if (v > (row.values[best] ?? 0)) best = i;
    });
    const leaf = row.labels[best] ?? 0;
    const path = model.labels[leaf];
    const other = path ? otherOf.get(path.label1) : undefined;
    if (!path || other === undefined || other === leaf) continue;
    const at = row.labels.indexOf(other);
    const otherWeight = at < 0 ? 0 : (row.values[at] ?? 0);
    if ((row.values[best] ?? 0) - otherWeight > SPECIFIC) return true;
  }
  return false;
}

/** The conventions (rules with an override) that fired on a notice and apply to it. */
export function firedConventions(
  model: Model,
  features: Features,
): { readonly id: string; readonly override: Override }[] {
  const out: { id: string; override: Override }[] = [];
  for (const rule of model.lexicon.rules) {
    if (!rule.override || !features.values.has(`r:${rule.id}`)) continue;
    if (rule.override.target === 'area-other' && titleNamesSubclass(model, features)) continue;
    out.push({ id: rule.id, override: rule.override });
  }
  return out;
}

/** Applies one convention override (see `Override`) to leaf probabilities, in place. */
function override(model: Model, p: Float64Array, rule: Override): void {
  if (rule.target === 'area-other') {
    const other = new Map<string, number>();
    model.labels.forEach((path, i) => {
      if (path.label2 === '其他') other.set(path.label1, i);
    });
    model.labels.forEach((path, i) => {
      const to = other.get(path.label1);
      if (to === undefined || to === i) return;
      const moved = rule.share * (p[i] ?? 0);
      p[i] = (p[i] ?? 0) - moved;
      p[to] = (p[to] ?? 0) + moved;
    });
    return;
  }
  const to = model.labels.findIndex((path) => topicKey(path) === rule.target);
  if (to < 0) return;
  for (let i = 0; i < p.length; i++) p[i] = (1 - rule.share) * (p[i] ?? 0);
  p[to] = (p[to] ?? 0) + rule.share;
}

/** Calibrated leaf probabilities of a featurised notice, after the conventions that fired. */
export function probabilities(model: Model, features: Features): Float64Array {
  const p = calibratedSoftmax(
    logits(model.weights, features.values, model.labels.length),
    model.calibration.temperature,
    model.calibration.floor,
  );
  for (const rule of firedConventions(model, features)) override(model, p, rule.override);
  return p;
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
