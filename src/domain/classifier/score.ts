/**
 * Scoring: logits over the leaves, calibrated probabilities (class, then sub-class within it),
 * the cataloguing conventions applied after the evidence, and level-1 sums.
 */
import { TAXONOMY, taxonomyLeaves, topicKey } from '../taxonomy/taxonomy';
import type { Features } from './featurise';
import { termCounts, type Override } from './lexicon';
import type { Calibration, Model, TopScoreMap, WeightRow } from './model';

const LEAVES = taxonomyLeaves(TAXONOMY);
const LEAF_INDEX = new Map(LEAVES.map((p, i) => [topicKey(p), i]));
/** The leaves of each class, in taxonomy order; a model's labels are always these leaves. */
export const CLASS_MEMBERS: readonly (readonly number[])[] = (() => {
  const byClass = new Map<string, number[]>();
  LEAVES.forEach((p, i) => {
    const list = byClass.get(p.label1);
    if (list) list.push(i);
    else byClass.set(p.label1, [i]);
  });
  return [...byClass.values()];
})();
/** Each leaf's class's 其他 leaf (itself for a 其他 leaf), or -1 when the class has none. */
const OTHER_OF: Int32Array = (() => {
  const out = new Int32Array(LEAVES.length).fill(-1);
  for (const members of CLASS_MEMBERS) {
    const other = members.find((i) => LEAVES[i]?.label2 === '其他');
    if (other !== undefined) for (const i of members) out[i] = other;
  }
  return out;
})();

/**
 * A model's weights laid out for scoring: feature → row id, and the rows in compressed sparse row
 * form (leaf ids and weights in typed arrays). Built once per weight map, on first use.
 */
export interface WeightTable {
  readonly index: ReadonlyMap<string, number>;
  readonly rowStart: Int32Array;
  readonly leaves: Int32Array;
  readonly values: Float64Array;
}

const tables = new WeakMap<ReadonlyMap<string, WeightRow>, WeightTable>();

export function weightTable(weights: ReadonlyMap<string, WeightRow>): WeightTable {
  let table = tables.get(weights);
  if (table) return table;
  const index = new Map<string, number>();
  let size = 0;
  for (const row of weights.values()) size += row.labels.length;
  const rowStart = new Int32Array(weights.size + 1);
  const leaves = new Int32Array(size);
  const values = new Float64Array(size);
  let at = 0;
  for (const [feature, row] of weights) {
    const id = index.size;
    index.set(feature, id);
    rowStart[id] = at;
    for (let i = 0; i < row.labels.length; i++) {
      leaves[at] = row.labels[i] ?? 0;
      values[at] = row.values[i] ?? 0;
      at++;
    }
  }
  rowStart[index.size] = at;
  table = { index, rowStart, leaves, values };
  tables.set(weights, table);
  return table;
}

/** Logits over the leaves: the sparse dot product of the features with the weight table. */
export function logits(
  weights: ReadonlyMap<string, WeightRow>,
  features: ReadonlyMap<string, number>,
  labelCount: number,
): Float64Array {
  const { index, rowStart, leaves, values } = weightTable(weights);
  const out = new Float64Array(labelCount);
  for (const [feature, x] of features) {
    const id = index.get(feature);
    if (id === undefined) continue;
    for (let e = rowStart[id] ?? 0; e < (rowStart[id + 1] ?? 0); e++) {
      const leaf = leaves[e] ?? 0;
      out[leaf] = (out[leaf] ?? 0) + x * (values[e] ?? 0);
    }
  }
  return out;
}

/**
 * The plain reading of the same sum, row by row from the weight map: kept as the reference the
 * fast scorer is tested against (and for the bench), never used to score.
 */
export function referenceLogits(
  weights: ReadonlyMap<string, WeightRow>,
  features: ReadonlyMap<string, number>,
  labelCount: number,
): Float64Array {
  const out = new Float64Array(labelCount);
  for (const [feature, x] of features) {
    const row = weights.get(feature);
    if (!row) continue;
    row.labels.forEach((label, i) => {
      out[label] = (out[label] ?? 0) + x * (row.values[i] ?? 0);
    });
  }
  return out;
}

/** Applies one convention (see `Override`) to leaf probabilities, in place. */
function applyOverride(p: Float64Array, rule: Override): void {
  if (rule.target === 'area-other') {
    for (let i = 0; i < p.length; i++) {
      const to = OTHER_OF[i] ?? -1;
      if (to < 0 || to === i) continue;
      const moved = rule.share * (p[i] ?? 0);
      p[i] = (p[i] ?? 0) - moved;
      p[to] = (p[to] ?? 0) + moved;
    }
    return;
  }
  const to = LEAF_INDEX.get(rule.target);
  if (to === undefined) return;
  for (let i = 0; i < p.length; i++) p[i] = (1 - rule.share) * (p[i] ?? 0);
  p[to] = (p[to] ?? 0) + rule.share;
}

/** The class of each entry of CLASS_MEMBERS, and its 其他 leaf (-1 when it has none). */
export const CLASS_NAMES: readonly string[] = CLASS_MEMBERS.map(
  (m) => LEAVES[m[0] ?? 0]?.label1 ?? '',
);
export const CLASS_OTHER: readonly number[] = CLASS_MEMBERS.map(
  (m) => m.find((i) => LEAVES[i]?.label2 === '其他') ?? -1,
);

export type ScoreCalibration = Pick<
  Calibration,
  'temperature' | 'temperature2' | 'floor' | 'otherShare'
> & {
  /** The top score's Platt map, for the kind of notice it was fitted on. */
  readonly topScore?: TopScoreMap;
};

/**
 * Leaf probabilities from logits: the class at temperature `temperature`, the sub-class within it
 * at `temperature2` (equal temperatures give the plain softmax of z / T) after the class's
 * `otherShare` goes to its 其他, then the conventions, then the floor spread over every leaf — so
 * no convention can take a score to 1 — and last the top score's Platt map, if any, which keeps
 * the order of the leaves and stays below what the floor allows.
 */
export function calibratedProbabilities(
  z: ArrayLike<number>,
  calibration: ScoreCalibration,
  conventions: readonly Override[] = [],
): Float64Array {
  const { temperature: t1, temperature2: t2, floor } = calibration;
  const shares = sharesOf(calibration.otherShare);
  const n = z.length;
  const p = new Float64Array(n);
  const classes = CLASS_START.length - 1;
  const classLogit = new Float64Array(classes);
  // p holds exp(z / t2 − the class's max) until the class probabilities are known.
  let maxClass = -Infinity;
  for (let c = 0; c < classes; c++) {
    const from = CLASS_START[c] ?? 0;
    const to = CLASS_START[c + 1] ?? 0;
    let max = -Infinity;
    for (let i = from; i < to; i++) max = Math.max(max, (z[i] ?? 0) / t2);
    let sum = 0;
    for (let i = from; i < to; i++) {
      const e = Math.exp((z[i] ?? 0) / t2 - max);
      p[i] = e;
      sum += e;
    }
    for (let i = from; i < to; i++) p[i] = (p[i] ?? 0) / sum;
    const logit = ((max + Math.log(sum)) * t2) / t1;
    classLogit[c] = logit;
    maxClass = Math.max(maxClass, logit);
  }
  let total = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp((classLogit[c] ?? 0) - maxClass);
    classLogit[c] = e;
    total += e;
  }
  for (let c = 0; c < classes; c++) {
    const pc = (classLogit[c] ?? 0) / total;
    const share = shares[c] ?? 0;
    for (let i = CLASS_START[c] ?? 0; i < (CLASS_START[c + 1] ?? 0); i++) {
      p[i] = pc * (1 - share) * (p[i] ?? 0);
    }
    const other = CLASS_OTHER[c] ?? -1;
    if (other >= 0) p[other] = (p[other] ?? 0) + pc * share;
  }
  for (const rule of conventions) applyOverride(p, rule);
  if (floor > 0) for (let i = 0; i < n; i++) p[i] = (1 - floor) * (p[i] ?? 0) + floor / n;
  if (calibration.topScore) remapTop(p, calibration.topScore, 1 - floor + floor / n);
  return p;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The logit of a score, kept finite at 0 and 1. */
export function scoreLogit(score: number): number {
  const s = Math.min(Math.max(score, 1e-9), 1 - 1e-9);
  return Math.log(s / (1 - s));
}

/** The top score's logit through a Platt map. */
export function mappedTopScore(score: number, map: TopScoreMap): number {
  return sigmoid(map.slope * scoreLogit(score) + map.intercept);
}

/** The index of the highest probability (the first, on a tie). */
export function topLeaf(p: ArrayLike<number>): number {
  let top = 0;
  for (let i = 1; i < p.length; i++) if ((p[i] ?? 0) > (p[top] ?? 0)) top = i;
  return top;
}

/**
 * Raises every leaf's probability to one power γ and renormalises, with γ chosen (by bisection:
 * the top's share grows with γ) so that the top leaf gets its mapped score, at most `cap`. A
 * power keeps the leaves' order; every leaf is above 0, as the floor leaves it.
 */
function remapTop(p: Float64Array, map: TopScoreMap, cap: number): void {
  const first = p[topLeaf(p)] ?? 0;
  if (!(first > 0 && first < 1)) return;
  const goal = Math.min(mappedTopScore(first, map), cap);
  const logs = Float64Array.from(p, (v) => Math.log(Math.max(v, 1e-300)) - Math.log(first));
  const share = (gamma: number): number => {
    let sum = 0;
    for (const l of logs) sum += Math.exp(gamma * l);
    return 1 / sum;
  };
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  for (let step = 0; step < 40; step++) {
    const mid = (lo + hi) / 2;
    if (share(Math.exp(mid)) < goal) lo = mid;
    else hi = mid;
  }
  const gamma = Math.exp((lo + hi) / 2);
  const total = 1 / share(gamma);
  for (let i = 0; i < p.length; i++) p[i] = Math.exp(gamma * (logs[i] ?? 0)) / total;
}

/** Where each class's leaves start (taxonomy order keeps a class's leaves together), and the end. */
const CLASS_START: Int32Array = Int32Array.from([
  ...CLASS_MEMBERS.map((m) => m[0] ?? 0),
  LEAVES.length,
]);

/** Each class's 其他 share by class index, computed once per calibration. */
const shareCache = new WeakMap<ReadonlyMap<string, number>, Float64Array>();

function sharesOf(otherShare: ReadonlyMap<string, number>): Float64Array {
  let shares = shareCache.get(otherShare);
  if (!shares) {
    shares = Float64Array.from(CLASS_NAMES, (name, c) =>
      (CLASS_OTHER[c] ?? -1) < 0 ? 0 : (otherShare.get(name) ?? 0),
    );
    shareCache.set(otherShare, shares);
  }
  return shares;
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
  let title = features.regions.find((r) => r.kind === 'title')?.text ?? '';
  for (const pattern of model.compiled.issuerPatterns) {
    if (pattern.length >= 2 && title.includes(pattern)) title = title.split(pattern).join('\n');
  }
  if (title.trim() === '') return false;
  for (const term of termCounts(title, model.compiled).keys()) {
    const row = model.weights.get(`t:${term}`);
    if (!row || row.labels.length === 0) continue;
    let best = 0;
    row.values.forEach((v, i) => {
      if (v > (row.values[best] ?? 0)) best = i;
    });
    const leaf = row.labels[best] ?? 0;
    const other = OTHER_OF[leaf] ?? -1;
    if (other < 0 || other === leaf) continue;
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
  for (const rule of model.compiled.rules) {
    if (!rule.override || !features.values.has(`r:${rule.id}`)) continue;
    if (rule.override.target === 'area-other' && titleNamesSubclass(model, features)) continue;
    out.push({ id: rule.id, override: rule.override });
  }
  return out;
}

/** The calibration for a notice: a notice without a title has temperatures of its own. */
export function calibrationFor(calibration: Calibration, titled: boolean): ScoreCalibration {
  const { titlelessTemperature: t1, titlelessTemperature2: t2, titlelessTopScore } = calibration;
  if (titled || t1 === undefined || t2 === undefined) return calibration;
  return {
    ...calibration,
    temperature: t1,
    temperature2: t2,
    ...(titlelessTopScore ? { topScore: titlelessTopScore } : {}),
  };
}

/** Calibrated leaf probabilities of a featurised notice, after the conventions that fired. */
export function probabilities(model: Model, features: Features): Float64Array {
  return calibratedProbabilities(
    logits(model.weights, features.values, model.labels.length),
    calibrationFor(
      model.calibration,
      features.regions.some((r) => r.kind === 'title'),
    ),
    firedConventions(model, features).map((c) => c.override),
  );
}

/** Whether a suggestion should not be trusted on its own: its score is below the threshold. */
export function isUncertain(model: Model, probs: ArrayLike<number>): boolean {
  let first = 0;
  for (let i = 0; i < probs.length; i++) first = Math.max(first, probs[i] ?? 0);
  return first < model.calibration.threshold;
}

/** Level-1 probability = sum of its leaves' probabilities, so the hierarchy is consistent by construction. */
export function level1Scores(model: Model, probs: ArrayLike<number>): Map<string, number> {
  const out = new Map<string, number>();
  model.labels.forEach((path, i) => {
    out.set(path.label1, (out.get(path.label1) ?? 0) + (probs[i] ?? 0));
  });
  return out;
}
