/**
 * Maximum a posteriori multinomial logistic regression over sparse rows (CSR): the loss every
 * model of the desk is trained with, shipped or local. Solved by AdaGrad over single examples,
 * touching only the rows of the features an example has, so memory stays at two weight tables
 * and an epoch costs (non-zeros × labels).
 */

/** Examples as compressed sparse rows over interned feature ids. */
export interface SparseRows {
  /** rowStart[i] … rowStart[i + 1] index row i's entries in `features` and `values`. */
  readonly rowStart: Int32Array;
  readonly features: Int32Array;
  readonly values: Float64Array;
  /** The leaves each example's label allows: one, or every leaf of a class given at level 1. */
  readonly targets: readonly (readonly number[])[];
  /** Each example's share of the loss. */
  readonly weights: Float64Array;
}

export interface Problem {
  readonly rows: SparseRows;
  readonly featureCount: number;
  readonly labelCount: number;
  /** Gaussian prior: its centre (featureCount × labelCount, row-major) … */
  readonly centre: Float64Array;
  /** … and its precision per feature, for the whole data set. */
  readonly precision: Float64Array;
}

export interface SolveOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  /** Called after each epoch; return false to stop (early stopping on a held-out loss). */
  readonly afterEpoch?: (epoch: number, weights: Float64Array) => boolean | void;
}

/** |p − q| below which an example leaves a leaf's weights alone. */
const ACTIVE = 1e-5;

/** A deterministic PRNG (mulberry32) so a model is reproducible from its inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Logits of row `i` into `z` (length labelCount). */
export function rowLogits(
  rows: SparseRows,
  i: number,
  weights: Float64Array,
  labelCount: number,
  z: Float64Array,
): void {
  z.fill(0);
  for (let e = rows.rowStart[i] ?? 0; e < (rows.rowStart[i + 1] ?? 0); e++) {
    const base = (rows.features[e] ?? 0) * labelCount;
    const x = rows.values[e] ?? 0;
    for (let c = 0; c < labelCount; c++) z[c] = (z[c] ?? 0) + x * (weights[base + c] ?? 0);
  }
}

/** log Σ exp(z[c]) over the given leaves (all leaves when `leaves` is null). */
export function logSumExp(z: Float64Array, leaves: readonly number[] | null): number {
  let max = -Infinity;
  if (leaves === null) for (const v of z) max = Math.max(max, v);
  else for (const t of leaves) max = Math.max(max, z[t] ?? 0);
  if (max === -Infinity) return max;
  let sum = 0;
  if (leaves === null) for (const v of z) sum += Math.exp(v - max);
  else for (const t of leaves) sum += Math.exp((z[t] ?? 0) - max);
  return max + Math.log(sum);
}

/**
 * d = p − q for logits z: the gradient of −log Σ_{t ∈ targets} softmax(z)_t, where q is p
 * renormalised over the allowed leaves. One exp per leaf.
 */
export function gradientOfLoss(z: Float64Array, targets: readonly number[], d: Float64Array): void {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c] ?? 0) - max);
    d[c] = e;
    sum += e;
  }
  let mass = 0;
  for (const t of targets) mass += d[t] ?? 0;
  for (let c = 0; c < z.length; c++) d[c] = (d[c] ?? 0) / sum;
  const q = mass > 0 ? sum / mass : 0;
  for (const t of targets) d[t] = (d[t] ?? 0) - (d[t] ?? 0) * q;
}

/** Weighted mean negative log-likelihood of the allowed leaves. */
export function meanLoss(problem: Problem, weights: Float64Array): number {
  const { rows, labelCount } = problem;
  const z = new Float64Array(labelCount);
  let loss = 0;
  let total = 0;
  for (let i = 0; i < rows.targets.length; i++) {
    const w = rows.weights[i] ?? 0;
    rowLogits(rows, i, weights, labelCount, z);
    loss += w * (logSumExp(z, null) - logSumExp(z, rows.targets[i] ?? []));
    total += w;
  }
  return total === 0 ? 0 : loss / total;
}

/**
 * Minimises the weighted mean NLL plus Σ_f precision_f/2 · ‖W_f − centre_f‖², from the centre.
 * The prior's pull on a feature is spread over the examples that have it, so a feature no
 * example has stays exactly at its centre. Returns the weights (row-major).
 */
export function solve(problem: Problem, options: SolveOptions = {}): Float64Array {
  const { rows, featureCount, labelCount: L, centre, precision } = problem;
  const weights = Float64Array.from(centre);
  const squares = new Float64Array(weights.length);
  const n = rows.targets.length;
  if (n === 0) return weights;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += rows.weights[i] ?? 0;
  const mean = totalWeight / n;
  // How many examples carry each feature: each gets 1/df of the feature's prior pull.
  const df = new Float64Array(featureCount);
  for (let e = 0; e < rows.features.length; e++) {
    const f = rows.features[e] ?? 0;
    df[f] = (df[f] ?? 0) + 1;
  }
  const epochs = options.epochs ?? 12;
  const rate = options.learningRate ?? 0.2;
  const random = prng(options.seed ?? 1);
  const order = Array.from({ length: n }, (_, i) => i);
  const z = new Float64Array(L);
  const d = new Float64Array(L);
  const leaves = new Int32Array(L);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const i of order) {
      // Scaled so that one epoch applies the data term once and each feature's prior once.
      const w = (rows.weights[i] ?? 0) / mean;
      rowLogits(rows, i, weights, L, z);
      gradientOfLoss(z, rows.targets[i] ?? [], d);
      // The leaves this example has something to say about: where p − q is not negligible. The
      // others (most of the 122) are left as they are, which makes an update cost a few leaves
      // instead of all of them; their prior pull waits for an example that speaks of them.
      let active = 0;
      for (let c = 0; c < L; c++) if (Math.abs(d[c] ?? 0) > ACTIVE) leaves[active++] = c;
      for (let e = rows.rowStart[i] ?? 0; e < (rows.rowStart[i + 1] ?? 0); e++) {
        const f = rows.features[e] ?? 0;
        const x = w * (rows.values[e] ?? 0);
        const pull = ((precision[f] ?? 0) * n) / Math.max(df[f] ?? 1, 1);
        const base = f * L;
        for (let a = 0; a < active; a++) {
          const c = leaves[a] ?? 0;
          const k = base + c;
          const g = x * (d[c] ?? 0) + pull * ((weights[k] ?? 0) - (centre[k] ?? 0));
          if (g === 0) continue;
          const s = (squares[k] ?? 0) + g * g;
          squares[k] = s;
          weights[k] = (weights[k] ?? 0) - (rate * g) / Math.sqrt(s + 1e-8);
        }
      }
    }
    if (options.afterEpoch?.(epoch, weights) === false) break;
  }
  return weights;
}
