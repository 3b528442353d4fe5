/**
 * Training: multinomial logistic regression over the taxonomy's leaves, MAP with a Gaussian prior
 * centred on knowledge — the knowledge prior's weights for the shipped model, the shipped model's
 * weights for an office's local model — so labelled examples refine what is known rather than
 * replace it, and 50 notices can never make the model forget the taxonomy. Scores are calibrated
 * on labelled examples the model being calibrated has not seen (cross-validated, by document).
 */
import { parseNotice } from '../notice';
import type { ParsedNotice } from '../notice/types';
import { TAXONOMY, taxonomyLeaves, topicKey, type TopicPath } from '../taxonomy/taxonomy';
import {
  DEFAULT_CALIBRATION,
  fitCalibration,
  fitConventionShares,
  type CalibrationRow,
} from './calibrate';
import {
  BIAS_FEATURE,
  DEFAULT_SETTINGS,
  DOC_NUMBER_FEATURE,
  featurise,
  LEVEL1_PREFIX,
  TERM_PREFIX,
  type Features,
  type FeaturiserSettings,
} from './featurise';
import { compileLexicon, EMPTY_LEXICON, type CompiledLexicon, type Lexicon } from './lexicon';
import { channelRow, fitKnowledgeScale, type KnowledgeScale } from './knowledge-scale';
import { buildModel, type Calibration, type Model, type WeightRow } from './model';
import { logSumExp, prng, rowLogits, solve, type SparseRows } from './optimise';
import type { KnowledgePrior } from './prior';
import { firedConventions, logits as scoreLogits } from './score';

/** A notice with the label a person gave it. */
export interface LabelledExample {
  readonly text?: string;
  readonly parsed?: ParsedNotice;
  readonly path: TopicPath;
  /** Where it came from (`govcn-paragraphs`, `pseudo` …), for the training summary. */
  readonly source?: string;
  /** Relative weight in the loss; 1 by default. */
  readonly weight?: number;
  /** The document it belongs to: cross-validation folds never split a group. */
  readonly group?: string;
}

export const DEFAULT_KNOWLEDGE_SCALE: KnowledgeScale = {
  title: 2.5,
  lead: 1.2,
  body: 1.5,
  issuer: 1,
  rule: 1,
};

export interface TrainOptions {
  /** The knowledge prior: the Gaussian prior's centre, pseudo-examples and the lexicon. */
  readonly prior?: KnowledgePrior;
  /** Train on top of this model: its weights become the centre and its lexicon is kept. */
  readonly base?: Model;
  readonly settings?: FeaturiserSettings;
  readonly knowledgeScale?: KnowledgeScale;
  /** Prior precision of features learnt from data alone (n-grams), towards 0. */
  readonly l2?: number;
  /** Prior precision of knowledge features (terms, issuers, rules, the base's weights). */
  readonly priorL2?: number;
  /** Prior precision of the bias, towards the centre's (the label distribution). */
  readonly biasL2?: number;
  /** Features seen in fewer training notices are left out (knowledge features are always kept). */
  readonly minDf?: number;
  /** Centred weights smaller than this are dropped from the model file. */
  readonly prune?: number;
  /**
   * Sources whose labels follow a local convention (a province's own use of 其他, its mix of
   * classes): each gets a bias of its own while training, left out of the model, so the words of
   * its notices teach the model but its label distribution does not.
   */
  readonly localSources?: readonly string[];
  /** Pseudo-titles per prior term (0 = none), and their total weight in labelled examples. */
  readonly pseudoPerTerm?: number;
  readonly pseudoWeight?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  /**
   * Cross-validation folds for calibration on the labelled examples (by group); 0 keeps the
   * base's calibration (or the default). Needs at least MIN_CALIBRATION_EXAMPLES examples.
   */
  readonly calibrationFolds?: number;
  /**
   * How many of the calibration folds are scored: all of them by default, one from
   * ENOUGH_FOR_ONE_FOLD examples on (a browser's large history), unless this says otherwise.
   */
  readonly scoredFolds?: number;
  /** What the calibration was fitted on, for the model file (sources and hashes). */
  readonly calibrationSources?: readonly CalibrationSource[];
  readonly parse?: (text: string) => ParsedNotice;
  readonly seed?: number;
  readonly generator?: string;
  readonly dataHash?: string;
  readonly createdAt?: string;
  readonly metrics?: Readonly<Record<string, number>>;
  /** Called with the share of the work done (0..1). */
  readonly onProgress?: (done: number) => void;
}

export interface CalibrationSource {
  readonly name: string;
  readonly n: number;
  /** sha-256 of the file when it is in the repository; null for data outside it. */
  readonly hash: string | null;
}

/** Labelled examples a model needs before it fits its own calibration on held-out folds. */
export const MIN_CALIBRATION_EXAMPLES = 50;
/** From this many examples on, one held-out fold (a fifth) is enough to calibrate on. */
const ENOUGH_FOR_ONE_FOLD = 1000;

export const KNOWLEDGE = {
  term: 1.0,
  strong: 2.5,
  areaTerm: 0.8,
  /** A level-1 keyword's class, per occurrence; the data refines it per class and region. */
  level1: 1.0,
} as const;

const LEAVES = taxonomyLeaves(TAXONOMY);
const LEAF_INDEX = new Map(LEAVES.map((p, i) => [topicKey(p), i]));

/** The leaves a path stands for: itself, or every leaf of a class given at level 1 only. */
export function leavesOf(path: TopicPath | string): number[] {
  const key = typeof path === 'string' ? path : topicKey(path);
  const own = LEAF_INDEX.get(key);
  if (own !== undefined) return [own];
  const label1 = typeof path === 'string' ? path : path.label1;
  const out: number[] = [];
  LEAVES.forEach((p, i) => {
    if (p.label1 === label1) out.push(i);
  });
  return out;
}

export { prng };

export function lexiconOf(prior: KnowledgePrior): Lexicon {
  const terms = new Set<string>();
  for (const e of prior.terms) for (const t of [...e.terms, ...e.strong]) terms.add(t);
  return {
    terms: [...terms].sort(),
    neutral: [...new Set(prior.neutral)].sort(),
    issuerPatterns: [...new Set(prior.issuers.map((i) => i.pattern))].sort(),
    ...(prior.docNumbers
      ? { docNumberPrefixes: [...new Set(prior.docNumbers.map((d) => d.prefix))].sort() }
      : {}),
    rules: prior.rules.map((r) => ({
      id: r.id,
      ...(r.name === undefined ? {} : { name: r.name }),
      titlePattern: r.titlePattern,
      ...(r.bodyPattern === undefined ? {} : { bodyPattern: r.bodyPattern }),
      ...(r.share === undefined ? {} : { override: { target: r.target, share: r.share } }),
    })),
    ...(prior.level1 ? { level1: prior.level1 } : {}),
  };
}

function mergeLexicons(a: Lexicon, b: Lexicon): Lexicon {
  const rules = new Map<string, Lexicon['rules'][number]>();
  for (const r of [...a.rules, ...b.rules]) rules.set(r.id, r);
  const level1 = new Map<string, Set<string>>();
  for (const e of [...(a.level1 ?? []), ...(b.level1 ?? [])]) {
    level1.set(e.label1, new Set([...(level1.get(e.label1) ?? []), ...e.keywords]));
  }
  const codes = [...(a.docNumberPrefixes ?? []), ...(b.docNumberPrefixes ?? [])];
  return {
    terms: [...new Set([...a.terms, ...b.terms])].sort(),
    neutral: [...new Set([...a.neutral, ...b.neutral])].sort(),
    issuerPatterns: [...new Set([...a.issuerPatterns, ...b.issuerPatterns])].sort(),
    ...(codes.length > 0 ? { docNumberPrefixes: [...new Set(codes)].sort() } : {}),
    rules: [...rules.values()],
    ...(level1.size > 0
      ? { level1: [...level1].map(([label1, k]) => ({ label1, keywords: [...k].sort() })) }
      : {}),
  };
}

/**
 * The leaves a rule pushes: its target, or for `area-other` every X\其他 leaf (a class without
 * one — 国防, 民族、宗教, 港澳台侨工作, the top-level 其他 — gets the push on all its leaves, so the
 * rule never moves a notice out of it).
 */
function ruleLeaves(target: string): number[] {
  if (target !== 'area-other') return leavesOf(target);
  const hasOther = new Set(LEAVES.filter((p) => p.label2 === '其他').map((p) => p.label1));
  return LEAVES.flatMap((p, i) => (p.label2 === '其他' || !hasOther.has(p.label1) ? [i] : []));
}

/** Every region at the prior's own weights: what the fitted scales multiply. */
const UNIT_SCALE: KnowledgeScale = { title: 1, lead: 1, body: 1, issuer: 1, rule: 1 };

/** Labelled notices needed before the knowledge scales are fitted rather than taken as given. */
export const MIN_SCALE_EXAMPLES = 50;

/** Feature → dense centre weights over the leaves, as the knowledge prior states them. */
export function knowledgeWeights(
  prior: KnowledgePrior,
  scale: KnowledgeScale = DEFAULT_KNOWLEDGE_SCALE,
): Map<string, Float64Array> {
  const centre = new Map<string, Float64Array>();
  const add = (feature: string, leaves: readonly number[], w: number): void => {
    let row = centre.get(feature);
    if (!row) {
      row = new Float64Array(LEAVES.length);
      centre.set(feature, row);
    }
    for (const l of leaves) row[l] = (row[l] ?? 0) + w;
  };
  for (const entry of prior.terms) {
    const leaves = leavesOf(entry.path);
    if (leaves.length === 0) continue;
    const area = !LEAF_INDEX.has(entry.path);
    const strong = new Set(entry.strong);
    for (const term of new Set([...entry.terms, ...entry.strong])) {
      const w = area ? KNOWLEDGE.areaTerm : strong.has(term) ? KNOWLEDGE.strong : KNOWLEDGE.term;
      add(`${TERM_PREFIX.title}${term}`, leaves, w * scale.title);
      add(`${TERM_PREFIX.lead}${term}`, leaves, w * scale.lead);
      add(`${TERM_PREFIX.body}${term}`, leaves, w * scale.body);
    }
  }
  for (const issuer of prior.issuers) {
    add(`i:${issuer.pattern}`, leavesOf(issuer.path), issuer.weight * scale.issuer);
  }
  for (const code of prior.docNumbers ?? []) {
    add(`${DOC_NUMBER_FEATURE}${code.prefix}`, leavesOf(code.path), code.weight * scale.issuer);
  }
  for (const rule of prior.rules)
    add(`r:${rule.id}`, ruleLeaves(rule.target), rule.weight * scale.rule);
  for (const entry of prior.level1 ?? []) {
    const leaves = leavesOf(entry.label1);
    add(`${LEVEL1_PREFIX.title}${entry.label1}`, leaves, KNOWLEDGE.level1 * scale.title);
    add(`${LEVEL1_PREFIX.body}${entry.label1}`, leaves, KNOWLEDGE.level1 * scale.body);
  }
  return centre;
}

const FRAMES = [
  (a: string, b: string) => `关于${a}和${b}的通知`,
  (a: string) => `关于进一步加强${a}工作的意见`,
  (a: string, b: string) => `关于${a}${b}管理办法的通知`,
  (a: string, b: string) => `关于做好${b}${a}有关工作的通知`,
  (a: string) => `关于${a}的通知`,
];

/**
 * Pseudo-titles written from the prior: a short title per term, paired with another term of the
 * same entry, so the title's n-grams learn what the terms say. Every entry weighs the same.
 */
export function pseudoExamples(prior: KnowledgePrior, perTerm = 1, seed = 7): LabelledExample[] {
  const random = prng(seed);
  const out: LabelledExample[] = [];
  for (const entry of prior.terms) {
    const terms = [...new Set([...entry.terms, ...entry.strong])];
    if (terms.length === 0 || leavesOf(entry.path).length === 0) continue;
    const own = LEAF_INDEX.get(entry.path);
    const path: TopicPath =
      own === undefined ? { label1: entry.path, label2: null } : (LEAVES[own] as TopicPath);
    const n = terms.length * perTerm;
    for (let i = 0; i < n; i++) {
      const a = terms[i % terms.length] ?? '';
      const b = terms[Math.floor(random() * terms.length)] ?? '';
      const frame = FRAMES[Math.floor(random() * FRAMES.length)] ?? FRAMES[0];
      out.push({ text: frame ? frame(a, b) : a, path, source: 'pseudo', weight: 1 / n });
    }
  }
  return out;
}

interface Prepared {
  readonly features: Features;
  readonly targets: readonly number[];
  readonly weight: number;
  /** 0, or 1 + the index of the local-convention source it comes from. */
  readonly biasGroup: number;
}

/** The training-only bias of a source with a local convention (see TrainOptions.localSources). */
const sourceBias = (source: string): string => `${BIAS_FEATURE}${source}`;

/** What every training run of one trainModel call shares: computed once, reused by each fold. */
interface Setup {
  readonly settings: FeaturiserSettings;
  readonly lexicon: Lexicon;
  readonly compiled: CompiledLexicon;
  /** The centre when it does not depend on the examples (a base model, or a fixed scale). */
  readonly centreRows: ReadonlyMap<string, Float64Array>;
  /** The prior's weights at scale 1, when the scales are to be fitted on the examples. */
  readonly unitKnowledge: ReadonlyMap<string, Float64Array> | null;
  readonly prior: KnowledgePrior | null;
  /** Pseudo-titles from the prior, already featurised and weighted. */
  readonly pseudo: readonly Prepared[];
  readonly local: ReadonlySet<string>;
  /** Training an office's model on top of a base model. */
  readonly isLocal: boolean;
  readonly parse: (text: string) => ParsedNotice;
}

function prepare(setup: Setup, examples: readonly LabelledExample[]): Prepared[] {
  return examples.flatMap((e) => {
    const parsed = e.parsed ?? (e.text === undefined ? null : setup.parse(e.text));
    const targets = leavesOf(e.path);
    if (!parsed || targets.length === 0) return [];
    const features = featurise(parsed, setup.settings, setup.compiled);
    const local = e.source === undefined ? -1 : [...setup.local].indexOf(e.source);
    if (e.source !== undefined && local >= 0) features.values.set(sourceBias(e.source), 1);
    return [{ features, targets, weight: e.weight ?? 1, biasGroup: local + 1 }];
  });
}

function makeSetup(options: TrainOptions): Setup {
  // A local model also reads the title's n-grams: an office's own words (收费站, 园林县城) that the
  // prior does not list are what its history can teach (measured on the Hebei titles: +2 points).
  const settings =
    options.settings ??
    (options.base ? { ...options.base.settings, titleNgrams: true } : DEFAULT_SETTINGS);
  const prior = options.prior;
  const lexicon =
    options.base && prior
      ? mergeLexicons(options.base.lexicon, lexiconOf(prior))
      : (options.base?.lexicon ?? (prior ? lexiconOf(prior) : EMPTY_LEXICON));
  const compiled = compileLexicon(lexicon);
  const centreRows = new Map<string, Float64Array>();
  if (options.base) {
    for (const [f, row] of options.base.weights) centreRows.set(f, dense(row, LEAVES.length));
  } else if (prior) {
    for (const [f, row] of knowledgeWeights(prior, options.knowledgeScale)) centreRows.set(f, row);
  }
  const fitScale = !options.base && prior !== undefined && options.knowledgeScale === undefined;
  const base: Setup = {
    settings,
    lexicon,
    compiled,
    centreRows,
    unitKnowledge: fitScale && prior ? knowledgeWeights(prior, UNIT_SCALE) : null,
    prior: prior ?? null,
    pseudo: [],
    local: new Set(options.localSources ?? []),
    isLocal: options.base !== undefined,
    parse: options.parse ?? parseNotice,
  };
  const perTerm = options.pseudoPerTerm ?? (options.base ? 0 : 1);
  const pseudo = prior && perTerm > 0 ? pseudoExamples(prior, perTerm, options.seed ?? 7) : [];
  const total = pseudo.reduce((sum, e) => sum + (e.weight ?? 1), 0);
  const scale = total > 0 ? (options.pseudoWeight ?? 200) / total : 0;
  return {
    ...base,
    pseudo: prepare(
      base,
      pseudo.map((e) => ({ ...e, weight: (e.weight ?? 1) * scale })),
    ),
  };
}

/**
 * Shifts a row by its median (softmax ignores a per-feature constant, and most leaves of a row sit
 * at the same value, which the median makes 0) and drops weights below `prune`: a term that points
 * at one leaf keeps one entry, not 122.
 */
function sparsify(row: ArrayLike<number>, prune: number): WeightRow {
  const sorted = Array.from(row).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const labels: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < row.length; c++) {
    const v = (row[c] ?? 0) - median;
    if (Math.abs(v) >= prune) {
      labels.push(c);
      values.push(v);
    }
  }
  return { labels, values };
}

function dense(row: WeightRow | undefined, labelCount: number): Float64Array {
  const out = new Float64Array(labelCount);
  if (row) row.labels.forEach((l, i) => (out[l] = row.values[i] ?? 0));
  return out;
}

const isKnowledgeFeature = (f: string): boolean => /^([tlpinr]):/.test(f);

/**
 * The Gaussian prior's centre for these examples: the base model's weights, or the knowledge
 * prior's at the scales (and leaf biases) fitted on the examples when there are enough of them.
 */
function centreOf(setup: Setup, examples: readonly Prepared[]): ReadonlyMap<string, Float64Array> {
  const { prior, unitKnowledge } = setup;
  if (!prior || !unitKnowledge || examples.length < MIN_SCALE_EXAMPLES) return setup.centreRows;
  const L = LEAVES.length;
  const rows = examples.map((p) =>
    channelRow(p.features.values, unitKnowledge, L, p.targets, p.weight, p.biasGroup),
  );
  // The issuer keeps its stated weights: the labelled data name almost no issuer but the Hebei
  // office's own 人民政府办公厅 (704 of the ~720 rows with one), which says nothing of how strongly
  // a ministry predicts its area; fitted, the scale fell to 0.42 and every ministry with it
  // (measured by 5-fold CV on the real sources: gov.cn paragraphs level-1 59.8% → 60.2% kept at 1).
  const { scale, bias } = fitKnowledgeScale(rows, L, {
    fixed: { issuer: DEFAULT_KNOWLEDGE_SCALE.issuer },
  });
  const centre = knowledgeWeights(prior, scale);
  centre.set(BIAS_FEATURE, bias);
  return centre;
}

/** Weights from the centre (prior or base) and the prepared examples, before calibration. */
function fitWeights(
  setup: Setup,
  examples: readonly Prepared[],
  options: TrainOptions,
  stopping: { readonly heldOut: readonly Prepared[] } | { readonly epochs: number } | null = null,
): { readonly weights: Map<string, WeightRow>; readonly epochs: number } {
  const prepared = [...setup.pseudo, ...examples];
  const seed = options.seed ?? 7;
  const centreRows = centreOf(setup, examples);
  const L = LEAVES.length;

  // Trained: every feature the examples have that is knowledge or seen often enough.
  const df = new Map<string, number>();
  for (const p of prepared) {
    for (const f of p.features.values.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const minDf = options.minDf ?? 2;
  const trained = [...df.entries()]
    .filter(([f, n]) => n >= minDf || centreRows.has(f) || f.startsWith(BIAS_FEATURE))
    .map(([f]) => f)
    .sort();
  const index = new Map(trained.map((f, i) => [f, i]));
  const centre = new Float64Array(trained.length * L);
  trained.forEach((f, i) => {
    const row = centreRows.get(f);
    if (row) centre.set(row, i * L);
  });
  // Knowledge weights may move as far as the data asks (measured by 5-fold CV on the real sources:
  // 1e-3 beats 1e-2 on both). A local model learns its office's label distribution (a third 其他
  // in Hebei) almost freely: Hebei titles, 5-fold, 59.6% → 65.6% top-1.
  const l2 = options.l2 ?? 1e-3;
  const priorL2 = options.priorL2 ?? 1e-3;
  const biasL2 = options.biasL2 ?? (setup.isLocal ? 1e-4 : 1e-2);
  const precision = Float64Array.from(trained, (f) =>
    f.startsWith(BIAS_FEATURE) ? biasL2 : centreRows.has(f) || isKnowledgeFeature(f) ? priorL2 : l2,
  );

  const rows = sparseRows(prepared, index);
  // Early stopping: with held-out notices, training stops at the first epoch that does not lower
  // their loss; the epoch count found is then used for the model trained on everything.
  const maxEpochs = stopping && 'epochs' in stopping ? stopping.epochs : (options.epochs ?? 12);
  const held =
    stopping && 'heldOut' in stopping ? heldOutLoss(stopping.heldOut, index, centreRows) : null;
  let best = { loss: Infinity, epoch: maxEpochs, weights: null as Float64Array | null };
  const problem = { rows, featureCount: trained.length, labelCount: L, centre, precision };
  const solved = solve(problem, {
    epochs: maxEpochs,
    learningRate: options.learningRate ?? 0.2,
    seed: seed + 1,
    afterEpoch: held
      ? (epoch, w) => {
          const loss = held(w);
          if (loss >= best.loss) return false;
          best = { loss, epoch, weights: Float64Array.from(w) };
          return true;
        }
      : undefined,
  });
  const final = best.weights ?? solved;

  const prune = options.prune ?? 0.02;
  const weights = new Map<string, WeightRow>();
  for (const [f, row] of centreRows) {
    if (index.has(f)) continue;
    const s = sparsify(row, prune);
    if (s.labels.length > 0) weights.set(f, s);
  }
  const trainingOnly = new Set([...setup.local].map(sourceBias));
  trained.forEach((f, i) => {
    if (trainingOnly.has(f)) return;
    const s = sparsify(final.subarray(i * L, (i + 1) * L), f === BIAS_FEATURE ? 0 : prune);
    if (s.labels.length > 0) weights.set(f, s);
  });
  return { weights, epochs: best.weights ? best.epoch : maxEpochs };
}

/** The examples as CSR rows over the trained features (features not trained are left out). */
function sparseRows(prepared: readonly Prepared[], index: ReadonlyMap<string, number>): SparseRows {
  const rowStart = new Int32Array(prepared.length + 1);
  const features: number[] = [];
  const values: number[] = [];
  prepared.forEach((p, i) => {
    for (const [f, v] of p.features.values) {
      const id = index.get(f);
      if (id === undefined) continue;
      features.push(id);
      values.push(v);
    }
    rowStart[i + 1] = features.length;
  });
  return {
    rowStart,
    features: Int32Array.from(features),
    values: Float64Array.from(values),
    targets: prepared.map((p) => p.targets),
    weights: Float64Array.from(prepared, (p) => p.weight),
  };
}

/**
 * The held-out notices' mean loss as a function of the trained weights: features that are not
 * trained keep their centre weights, added once as a fixed offset.
 */
function heldOutLoss(
  heldOut: readonly Prepared[],
  index: ReadonlyMap<string, number>,
  centreRows: ReadonlyMap<string, Float64Array>,
): (weights: Float64Array) => number {
  const L = LEAVES.length;
  const rows = sparseRows(heldOut, index);
  const offsets = heldOut.map((p) => {
    const z = new Float64Array(L);
    for (const [f, v] of p.features.values) {
      if (index.has(f)) continue;
      const row = centreRows.get(f);
      if (row) for (let c = 0; c < L; c++) z[c] = (z[c] ?? 0) + v * (row[c] ?? 0);
    }
    return z;
  });
  const z = new Float64Array(L);
  return (weights) => {
    let loss = 0;
    heldOut.forEach((p, i) => {
      rowLogits(rows, i, weights, L, z);
      const offset = offsets[i];
      if (offset) for (let c = 0; c < L; c++) z[c] = (z[c] ?? 0) + (offset[c] ?? 0);
      loss += logSumExp(z, null) - logSumExp(z, p.targets);
    });
    return heldOut.length === 0 ? 0 : loss / heldOut.length;
  };
}

/** Deterministic k folds over groups (an example's group, else itself). */
export function groupFolds(examples: readonly LabelledExample[], k: number, seed = 11): number[] {
  const groups = [...new Set(examples.map((e, i) => e.group ?? `#${i}`))].sort();
  const random = prng(seed);
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [groups[i], groups[j]] = [groups[j] ?? '', groups[i] ?? ''];
  }
  const foldOf = new Map(groups.map((g, i) => [g, i % k]));
  return examples.map((e, i) => foldOf.get(e.group ?? `#${i}`) ?? 0);
}

/** A calibration row: a model's raw logits on a notice, with the conventions that fired. */
function calibrationRow(model: Model, example: Prepared): CalibrationRow {
  return {
    logits: scoreLogits(model.weights, example.features.values, model.labels.length),
    targets: example.targets,
    conventions: firedConventions(model, example.features),
    // A source with its own convention says nothing of how often gov.cn's label departs from a
    // whole notice's words.
    whole: example.biasGroup === 0 && example.features.regions.some((r) => r.kind === 'title'),
    titled: example.features.regions.some((r) => r.kind === 'title'),
  };
}

function assemble(
  setup: Setup,
  weights: Map<string, WeightRow>,
  examples: readonly LabelledExample[],
  options: TrainOptions,
  calibration: Calibration,
  lexicon: Lexicon = setup.lexicon,
): Model {
  const summary: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const e of examples) {
    const source = e.source ?? 'labelled';
    summary[source] = (summary[source] ?? 0) + 1;
  }
  return buildModel({
    meta: {
      createdAt: options.createdAt ?? new Date(0).toISOString(),
      generator: options.generator ?? 'trainModel',
      dataHash: options.dataHash ?? '',
      trainingSummary: summary,
      metrics: options.metrics ?? {},
    },
    settings: setup.settings,
    labels: LEAVES,
    lexicon,
    calibration,
    weights,
  });
}

/**
 * Trains on the prior (or on top of `base`) and labelled examples. With `calibrationFolds` ≥ 2 and
 * enough examples, the scores are calibrated on out-of-fold predictions: each fold (by group) is
 * scored by a model trained without it, exactly as the final model will meet new notices.
 * Examples whose label is off the taxonomy or whose text is missing are left out.
 */
export function trainModel(
  examples: readonly LabelledExample[],
  options: TrainOptions = {},
): Model {
  const setup = makeSetup(options);
  const usable: LabelledExample[] = [];
  const prepared: Prepared[] = [];
  examples.forEach((e) => {
    const [p] = prepare(setup, [e]);
    if (!p) return;
    usable.push(e);
    prepared.push(p);
  });
  const folds = options.calibrationFolds ?? (options.base ? 5 : 0);
  const canCalibrate = folds >= 2 && usable.length >= MIN_CALIBRATION_EXAMPLES;
  // A large history gives enough held-out rows from one fold: the others would cost a training
  // each and add nothing the calibration needs.
  const scored = Math.min(
    folds,
    options.scoredFolds ?? (usable.length >= ENOUGH_FOR_ONE_FOLD ? 1 : folds),
  );
  const steps = canCalibrate ? scored + 1 : 1;
  const progress = (done: number): void => options.onProgress?.(done / steps);
  const inherited = options.base?.calibration ?? DEFAULT_CALIBRATION;
  if (!canCalibrate) {
    const { weights } = fitWeights(setup, prepared, options);
    progress(1);
    return assemble(setup, weights, usable, options, inherited);
  }
  const foldOf = groupFolds(usable, folds, (options.seed ?? 7) + 29);
  const rows: CalibrationRow[] = [];
  let epochs = options.epochs ?? 12;
  for (let k = 0; k < scored; k++) {
    const kept = prepared.filter((_, i) => foldOf[i] !== k);
    const held = prepared.filter((_, i) => foldOf[i] === k);
    // The first fold also finds how many epochs help notices the model has not seen.
    const fold = fitWeights(setup, kept, options, k === 0 ? { heldOut: held } : { epochs });
    if (k === 0) epochs = fold.epochs;
    const foldModel = assemble(setup, fold.weights, [], options, inherited);
    for (const p of held) rows.push(calibrationRow(foldModel, p));
    progress(k + 1);
  }
  const { weights } = fitWeights(setup, prepared, options, { epochs });
  progress(steps);
  const sources = options.calibrationSources ?? [
    { name: 'labelled', n: usable.length, hash: null },
  ];
  const how =
    scored === folds
      ? `${folds} 折交叉验证（按文档分组）`
      : `留出五分之一（按文档分组，${rows.length} 条）`;
  const about = {
    fittedOn: `${how}：${sources.map((s) => `${s.name} ${s.n} 条`).join('，')}`,
    sources,
  };
  if (!setup.isLocal) {
    return assemble(setup, weights, usable, options, fitCalibration(rows, about));
  }
  // An office's history also says how far it follows each convention (read with the base's
  // temperatures: a calibration fitted only for this would double the time a training takes); the
  // scores are then calibrated with the office's own shares.
  const lexicon = withConventionShares(setup.lexicon, fitConventionShares(rows, inherited));
  const overrides = new Map(lexicon.rules.map((r) => [r.id, r.override]));
  const ownRows = rows.map((r) => ({
    ...r,
    conventions: r.conventions.flatMap((c) => {
      const override = overrides.get(c.id);
      return override ? [{ id: c.id, override }] : [];
    }),
  }));
  return assemble(setup, weights, usable, options, fitCalibration(ownRows, about), lexicon);
}

/** The lexicon with each convention at the share given (0: the rule no longer overrides). */
function withConventionShares(lexicon: Lexicon, shares: ReadonlyMap<string, number>): Lexicon {
  return {
    ...lexicon,
    rules: lexicon.rules.map((rule) => {
      const share = shares.get(rule.id);
      if (!rule.override || share === undefined) return rule;
      const { override, ...rest } = rule;
      return share > 0 ? { ...rest, override: { ...override, share } } : rest;
    }),
  };
}

/** Features an incremental update touches, strongest first. */
const UPDATE_FEATURES = 600;
/**
 * An update stops once the decided label has this probability on the notice itself: enough for
 * the notice to show the decision first, not so much that the shared words of every notice
 * (关于, 通知, 实施方案 …) tilt unrelated suggestions.
 */
const UPDATE_GOAL = 0.8;

/**
 * Learns from one confirmed or overridden notice: at most `steps` normalised gradient steps on its
 * strongest features (never the bias, which every notice shares), stopping as soon as the decided
 * label reaches UPDATE_GOAL, so pending suggestions change at once without a full retrain.
 * Returns a new model; the old one is untouched.
 */
export function updateModel(
  model: Model,
  example: { readonly parsed: ParsedNotice; readonly path: TopicPath },
  options: { readonly steps?: number; readonly learningRate?: number } = {},
): Model {
  const targets = leavesOf(example.path);
  if (targets.length === 0) return model;
  const labelCount = model.labels.length;
  const temperature = model.calibration.temperature;
  const values = featurise(example.parsed, model.settings, model.compiled).values;
  // The strongest features carry the lesson (title, headings, prior terms); a long body's many
  // faint n-grams would cost time for a change too small to matter.
  const names = [...values.entries()]
    .filter(([f]) => f !== BIAS_FEATURE)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, UPDATE_FEATURES)
    .map(([f]) => f);
  const updated = new Set(names);
  const rest = scoreLogits(
    model.weights,
    new Map([...values].filter(([f]) => !updated.has(f))),
    labelCount,
  );
  const rows = names.map((f) => dense(model.weights.get(f), labelCount));
  const x = names.map((f) => values.get(f) ?? 0);
  const centre = rows.map((r) => Float64Array.from(r));
  const lambda = 0.01;
  const steps = options.steps ?? 12;
  // Normalised step: about `learningRate` calibrated logits of margin per step, whatever the
  // notice's length (a long notice has many more features than a title).
  let norm = 0;
  for (const v of x) norm += v * v;
  const rate = ((options.learningRate ?? 1) * temperature * temperature) / Math.max(norm, 1e-9);
  const z = new Float64Array(labelCount);
  const p = new Float64Array(labelCount);
  for (let s = 0; s < steps; s++) {
    z.set(rest);
    rows.forEach((row, i) => {
      const v = x[i] ?? 0;
      for (let c = 0; c < labelCount; c++) z[c] = (z[c] ?? 0) + v * (row[c] ?? 0);
    });
    let max = -Infinity;
    for (const v of z) max = Math.max(max, v / temperature);
    let sum = 0;
    for (let c = 0; c < labelCount; c++) {
      p[c] = Math.exp((z[c] ?? 0) / temperature - max);
      sum += p[c] ?? 0;
    }
    for (let c = 0; c < labelCount; c++) p[c] = (p[c] ?? 0) / sum;
    let mass = 0;
    for (const t of targets) mass += p[t] ?? 0;
    if (mass >= UPDATE_GOAL) break;
    const q = new Float64Array(labelCount);
    for (const t of targets) q[t] = (p[t] ?? 0) / Math.max(mass, 1e-12);
    rows.forEach((row, i) => {
      const v = x[i] ?? 0;
      const mid = centre[i];
      for (let c = 0; c < labelCount; c++) {
        const w = row[c] ?? 0;
        const g = (v * ((p[c] ?? 0) - (q[c] ?? 0))) / temperature + lambda * (w - (mid?.[c] ?? 0));
        row[c] = w - rate * g;
      }
    });
  }
  const weights = new Map(model.weights);
  names.forEach((f, i) => {
    const row = rows[i];
    if (!row) return;
    const sp = sparsify(row, 0.005);
    if (sp.labels.length > 0) weights.set(f, sp);
  });
  return { ...model, weights };
}
