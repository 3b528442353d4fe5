/**
 * How much the knowledge prior's word is worth in each region of a notice, measured on labelled
 * notices: a term in the title decides more than the same term deep in the body, and how much more
 * is a matter of fact, not taste. Five scales (title, lead, body, issuer, rules) and a bias per
 * leaf are fitted by maximum likelihood on top of the prior's own weights; with so few parameters
 * a few hundred labelled notices pin them down without overfitting.
 */
import { DOC_NUMBER_FEATURE, TERM_PREFIX } from './featurise';
import { gradientOfLoss } from './optimise';

/** How strongly the prior's term weights count in each region of a notice, and issuers and rules. */
export interface KnowledgeScale {
  readonly title: number;
  readonly lead: number;
  readonly body: number;
  readonly issuer: number;
  readonly rule: number;
}

/** The channel of a knowledge feature (which scale multiplies it), or null for other features. */
export function channelOf(feature: string): keyof KnowledgeScale | null {
  if (feature.startsWith(TERM_PREFIX.title)) return 'title';
  if (feature.startsWith(TERM_PREFIX.lead)) return 'lead';
  if (feature.startsWith(TERM_PREFIX.body)) return 'body';
  // A 发文字号 code names its issuer: it is scaled as the issuer's name is.
  if (feature.startsWith('i:') || feature.startsWith(DOC_NUMBER_FEATURE)) return 'issuer';
  if (feature.startsWith('r:')) return 'rule';
  return null;
}

const CHANNELS: readonly (keyof KnowledgeScale)[] = ['title', 'lead', 'body', 'issuer', 'rule'];

/**
 * One labelled notice reduced to what the scales act on: each channel's unscaled logits, kept
 * sparse (a term points at one leaf, or at the leaves of one class).
 */
export interface ChannelRow {
  /** Parallel arrays: channel index, leaf, logit at scale 1. */
  readonly channel: Uint8Array;
  readonly leaf: Int32Array;
  readonly value: Float64Array;
  readonly targets: readonly number[];
  readonly weight: number;
  /**
   * Whose label distribution the row follows: 0 for the shared bias, 1… for a source with a local
   * convention, whose bias is fitted apart and thrown away.
   */
  readonly biasGroup: number;
}

/** Each channel's logits for a notice, from the prior's weights at scale 1. */
export function channelRow(
  values: ReadonlyMap<string, number>,
  unitKnowledge: ReadonlyMap<string, Float64Array>,
  labelCount: number,
  targets: readonly number[],
  weight: number,
  biasGroup = 0,
): ChannelRow {
  const dense = new Float64Array(CHANNELS.length * labelCount);
  for (const [feature, x] of values) {
    const channel = channelOf(feature);
    const row = channel === null ? undefined : unitKnowledge.get(feature);
    if (!channel || !row) continue;
    const base = CHANNELS.indexOf(channel) * labelCount;
    for (let c = 0; c < labelCount; c++) {
      const w = row[c] ?? 0;
      if (w !== 0) dense[base + c] = (dense[base + c] ?? 0) + x * w;
    }
  }
  const channel: number[] = [];
  const leaf: number[] = [];
  const value: number[] = [];
  dense.forEach((v, i) => {
    if (v === 0) return;
    channel.push(Math.floor(i / labelCount));
    leaf.push(i % labelCount);
    value.push(v);
  });
  return {
    channel: Uint8Array.from(channel),
    leaf: Int32Array.from(leaf),
    value: Float64Array.from(value),
    targets,
    weight,
    biasGroup,
  };
}

/**
 * The scales and leaf biases that maximise the likelihood of the labelled rows (a small L2 keeps
 * the biases near 0, so a class the data never shows is not ruled out). Plain gradient descent
 * with Adam: the problem is small and smooth.
 */
export function fitKnowledgeScale(
  rows: readonly ChannelRow[],
  labelCount: number,
  options: {
    readonly iterations?: number;
    readonly biasL2?: number;
    /** Channels kept at the scale given here rather than fitted. */
    readonly fixed?: Partial<KnowledgeScale>;
  } = {},
): { readonly scale: KnowledgeScale; readonly bias: Float64Array } {
  const k = CHANNELS.length;
  const groups = 1 + Math.max(0, ...rows.map((r) => r.biasGroup));
  const params = new Float64Array(k + labelCount * groups);
  params.fill(1, 0, k);
  const fixed = CHANNELS.map((c) => options.fixed?.[c]);
  fixed.forEach((value, j) => {
    if (value !== undefined) params[j] = value;
  });
  const m = new Float64Array(params.length);
  const v = new Float64Array(params.length);
  const g = new Float64Array(params.length);
  const iterations = options.iterations ?? 120;
  const biasL2 = options.biasL2 ?? 0.01;
  let total = 0;
  for (const r of rows) total += r.weight;
  const z = new Float64Array(labelCount);
  const d = new Float64Array(labelCount);
  for (let it = 1; it <= iterations && total > 0; it++) {
    g.fill(0);
    for (const r of rows) {
      const w = r.weight / total;
      const b = k + r.biasGroup * labelCount;
      for (let c = 0; c < labelCount; c++) z[c] = params[b + c] ?? 0;
      for (let e = 0; e < r.value.length; e++) {
        const c = r.leaf[e] ?? 0;
        z[c] = (z[c] ?? 0) + (params[r.channel[e] ?? 0] ?? 0) * (r.value[e] ?? 0);
      }
      gradientOfLoss(z, r.targets, d);
      for (let c = 0; c < labelCount; c++) g[b + c] = (g[b + c] ?? 0) + w * (d[c] ?? 0);
      for (let e = 0; e < r.value.length; e++) {
        const j = r.channel[e] ?? 0;
        g[j] = (g[j] ?? 0) + w * (d[r.leaf[e] ?? 0] ?? 0) * (r.value[e] ?? 0);
      }
    }
    for (let j = k; j < params.length; j++) g[j] = (g[j] ?? 0) + biasL2 * (params[j] ?? 0);
    for (let j = 0; j < params.length; j++) {
      if (j < k && fixed[j] !== undefined) continue;
      const gj = g[j] ?? 0;
      m[j] = 0.9 * (m[j] ?? 0) + 0.1 * gj;
      v[j] = 0.999 * (v[j] ?? 0) + 0.001 * gj * gj;
      const mh = (m[j] ?? 0) / (1 - 0.9 ** it);
      const vh = (v[j] ?? 0) / (1 - 0.999 ** it);
      params[j] = (params[j] ?? 0) - (0.05 * mh) / (Math.sqrt(vh) + 1e-8);
    }
    // A scale below 0 would turn knowledge upside down: no region's terms argue against their class.
    for (let j = 0; j < k; j++) params[j] = Math.max(0, params[j] ?? 0);
  }
  const scale = Object.fromEntries(
    CHANNELS.map((c, j) => [c, params[j] ?? 1]),
  ) as unknown as KnowledgeScale;
  return { scale, bias: params.slice(k, k + labelCount) };
}
