/**
 * Training: multinomial logistic regression over the taxonomy's leaves, MAP with a Gaussian prior
 * centred on the knowledge prior's weights, plus pseudo-examples assembled from the prior's terms.
 * With no labelled data the model is the prior; labelled examples refine it rather than replace it.
 */
import { parseNotice } from '../notice';
import type { ParsedNotice } from '../notice/types';
import { TAXONOMY, taxonomyLeaves, topicKey, type TopicPath } from '../taxonomy/taxonomy';
import { fitCalibration } from './calibrate';
import {
  BIAS_FEATURE,
  compileLexicon,
  DEFAULT_SETTINGS,
  featurise,
  type CompiledLexicon,
  type FeaturiserSettings,
  type Lexicon,
} from './featurise';
import { buildModel, type Calibration, type Model, type WeightRow } from './model';
import type { KnowledgePrior } from './prior';
import { logits as scoreLogits, softmax } from './score';

/** A notice with the label a person gave it. */
export interface LabelledExample {
  readonly text?: string;
  readonly parsed?: ParsedNotice;
  readonly path: TopicPath;
  /** Where it came from (`govcn`, `pseudo` …), for the training summary. */
  readonly source?: string;
  /** Relative weight in the loss; 1 by default. */
  readonly weight?: number;
}

export interface TrainOptions {
  /** The knowledge prior: term, issuer and rule weights as the Gaussian prior's centre, and pseudo-examples. */
  readonly prior?: KnowledgePrior;
  /** Train on top of this model: its weights become the centre and its lexicon is kept. */
  readonly base?: Model;
  readonly settings?: FeaturiserSettings;
  readonly epochs?: number;
  readonly learningRate?: number;
  /** Pull of n-gram and word weights towards 0, per update. */
  readonly l2?: number;
  /** Pull of knowledge features (prior terms, issuers, rules) towards their knowledge weight. */
  readonly priorL2?: number;
  /** Features seen in fewer training notices are left out (prior features are always kept). */
  readonly minDf?: number;
  readonly maxFeatures?: number;
  /** Centred weights smaller than this are dropped from the model file. */
  readonly prune?: number;
  /** Held-out examples to fit the temperature on; pseudo-examples of another draw when absent. */
  readonly calibrationExamples?: readonly LabelledExample[];
  readonly parse?: (text: string) => ParsedNotice;
  readonly seed?: number;
  /** Pseudo-examples per prior term (0 = none). */
  readonly pseudoPerTerm?: number;
  readonly generator?: string;
  readonly dataHash?: string;
  readonly createdAt?: string;
  readonly metrics?: Readonly<Record<string, number>>;
}

export const KNOWLEDGE = {
  term: 1.0,
  strong: 2.5,
  areaTerm: 0.8,
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

export function lexiconOf(prior: KnowledgePrior): Lexicon {
  const terms = new Set<string>();
  for (const e of prior.terms) for (const t of [...e.terms, ...e.strong]) terms.add(t);
  return {
    terms: [...terms].sort(),
    issuerPatterns: [...new Set(prior.issuers.map((i) => i.pattern))].sort(),
    rules: prior.rules.map((r) => ({
      id: r.id,
      titlePattern: r.titlePattern,
      ...(r.bodyPattern === undefined ? {} : { bodyPattern: r.bodyPattern }),
      ...(r.share === undefined ? {} : { override: { target: r.target, share: r.share } }),
    })),
  };
}

function mergeLexicons(a: Lexicon, b: Lexicon): Lexicon {
  const rules = new Map<string, Lexicon['rules'][number]>();
  for (const r of [...a.rules, ...b.rules]) rules.set(r.id, r);
  return {
    terms: [...new Set([...a.terms, ...b.terms])].sort(),
    issuerPatterns: [...new Set([...a.issuerPatterns, ...b.issuerPatterns])].sort(),
    rules: [...rules.values()],
  };
}

/** Feature → dense centre weights over the leaves, as the knowledge prior states them. */
export function knowledgeWeights(prior: KnowledgePrior): Map<string, Float64Array> {
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
      add(`p:${term}`, leaves, w);
    }
  }
  for (const issuer of prior.issuers)
    add(`i:${issuer.pattern}`, leavesOf(issuer.path), issuer.weight);
  // area-other pushes each class's 其他; a class without one (国防, 民族、宗教, 港澳台侨工作, the
  // top-level 其他) gets the push on all its leaves, so the rule does not move notices out of it.
  const hasOther = new Set(LEAVES.filter((p) => p.label2 === '其他').map((p) => p.label1));
  const otherLeaves = LEAVES.flatMap((p, i) =>
    p.label2 === '其他' || !hasOther.has(p.label1) ? [i] : [],
  );
  for (const rule of prior.rules) {
    // area-other: every X\其他 leaf gets the push, so whichever class wins, its 其他 rises.
    const leaves = rule.target === 'area-other' ? otherLeaves : leavesOf(rule.target);
    add(`r:${rule.id}`, leaves, rule.weight);
  }
  return centre;
}

const FRAMES = [
  (a: string, b: string) => `关于${a}和${b}的通知`,
  (a: string) => `关于进一步加强${a}工作的意见`,
  (a: string, b: string) => `${a}${b}管理办法`,
  (a: string, b: string) => `关于做好${b}${a}有关工作的通知`,
  (a: string) => `关于${a}的通知`,
];

/**
 * Pseudo-notices written from the prior: a short title per term, paired with another term of the
 * same entry, so the n-gram weights learn what the terms say. Balanced so every leaf weighs the same.
 */
export function pseudoExamples(prior: KnowledgePrior, perTerm = 1, seed = 7): LabelledExample[] {
  const random = prng(seed);
  const out: LabelledExample[] = [];
  for (const entry of prior.terms) {
    const terms = [...new Set([...entry.terms, ...entry.strong])];
    if (terms.length === 0 || leavesOf(entry.path).length === 0) continue;
    const path: TopicPath = LEAF_INDEX.has(entry.path)
      ? (LEAVES[LEAF_INDEX.get(entry.path) ?? 0] ?? { label1: entry.path, label2: null })
      : { label1: entry.path, label2: null };
    const n = terms.length * perTerm;
    for (let i = 0; i < n; i++) {
      const a = terms[i % terms.length] ?? '';
      const b = terms[Math.floor(random() * terms.length)] ?? '';
      const frame = FRAMES[Math.floor(random() * FRAMES.length)] ?? FRAMES[0];
      const title = frame ? frame(a, b) : a;
      out.push({ text: title, path, source: 'pseudo', weight: 30 / n });
    }
  }
  return out;
}

/** How many parts the prior's terms are split into for cross-fitted calibration. */
export const CROSS_FIT_FOLDS = 4;

/**
 * The prior with every entry's terms split into `folds` parts: `kept[k]` lacks part k, `held[k]`
 * holds part k by entry path. A model trained on `kept[k]` has never seen the terms of `held[k]`,
 * as the shipped model has never seen most words of a real notice.
 */
export function splitPrior(
  prior: KnowledgePrior,
  folds = CROSS_FIT_FOLDS,
  seed = 13,
): { kept: KnowledgePrior[]; held: Map<string, string[]>[] } {
  const random = prng(seed);
  const kept: KnowledgePrior[] = [];
  const held: Map<string, string[]>[] = [];
  const partOf = new Map<string, number>();
  for (const entry of prior.terms) {
    const terms = [...entry.terms];
    for (let i = terms.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [terms[i], terms[j]] = [terms[j] ?? '', terms[i] ?? ''];
    }
    terms.forEach((t, i) => partOf.set(`${entry.path}\u0000${t}`, i % folds));
  }
  for (let k = 0; k < folds; k++) {
    const out = new Map<string, string[]>();
    const terms = prior.terms.map((entry) => {
      const inPart = (t: string): boolean => partOf.get(`${entry.path}\u0000${t}`) === k;
      out.set(entry.path, entry.terms.filter(inPart));
      return {
        path: entry.path,
        terms: entry.terms.filter((t) => !inPart(t)),
        strong: entry.strong.filter((t) => !inPart(t)),
      };
    });
    kept.push({ ...prior, terms });
    held.push(out);
  }
  return { kept, held };
}

const ADDRESSEES = [
  '各区人民政府，市政府各委、办、局：',
  '各县（市、区）有关部门：',
  '局机关各科室、局属各单位：',
];

/**
 * Notices in the shapes clerks paste (Shanghai-style header, gov.cn table, no header, short),
 * about one leaf each, written mostly with `held` terms the scoring model has not seen. Like real
 * notices they stray: a third of the body's terms belong to other classes, and the issuer is often
 * a general government office.
 */
export function heldOutNotices(
  prior: KnowledgePrior,
  held: ReadonlyMap<string, readonly string[]>,
  seed: number,
  perLeaf = 2,
): LabelledExample[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const all = prior.terms.flatMap((e) => e.terms);
  const areaTerms = new Map(
    prior.terms.filter((e) => !LEAF_INDEX.has(e.path)).map((e) => [e.path, e.terms]),
  );
  const out: LabelledExample[] = [];
  for (const entry of prior.terms) {
    const index = LEAF_INDEX.get(entry.path);
    const path = index === undefined ? undefined : LEAVES[index];
    const unseen = held.get(entry.path) ?? [];
    if (!path || unseen.length === 0) continue;
    const area = areaTerms.get(path.label1) ?? [];
    const issuers = prior.issuers.filter((i) => i.path === entry.path || i.path === path.label1);
    const own = (): string =>
      (random() < 0.7 ? pick(unseen) : pick(entry.terms)) ?? unseen[0] ?? '';
    const term = (): string => {
      const r = random();
      if (r < 0.5) return own();
      if (r < 0.67) return pick(area) ?? own();
      return pick(all) ?? own();
    };
    for (let n = 0; n < perLeaf; n++) {
      const pattern = random() < 0.5 ? pick(issuers)?.pattern : undefined;
      const issuer = pattern === undefined ? '某市人民政府办公室' : `某市${pattern}`;
      const title = pick(FRAMES)?.(own(), term()) ?? own();
      const sections = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => {
        const sentences = Array.from(
          { length: 3 },
          () => `要围绕${term()}，认真做好${term()}和${term()}等工作。`,
        );
        return `${'一二三四五'[i] ?? '六'}、加强${term()}\n${sentences.join('')}`;
      });
      const body = `${title}\n为做好${term()}工作，现就有关事项通知如下。\n${sections.join('\n')}\n${issuer}\n2021年5月6日`;
      const style = Math.floor(random() * 4);
      const text =
        style === 0
          ? `索引号:\nSY00${n}\n主题分类:\n\n公开主体:\n${issuer}\n发文字号:\n某府〔2021〕${n + 1}号\n成文日期:\n2021-05-06\n${pick(ADDRESSEES) ?? ''}\n现将《${title}》印发给你们，请认真贯彻落实。\n${issuer}\n2021年5月6日\n${body}`
          : style === 1
            ? `索引号：\t000014349/2021-0${n}\t主题分类：\t\n发文机关：\t${issuer}\t成文日期：\t2021年05月06日\n标题：\t${title}\n${body}`
            : style === 2
              ? `${pick(ADDRESSEES) ?? ''}\n${body}`
              : `${title}\n${sections[0] ?? ''}`;
      out.push({ text, path, source: 'held-out-notice' });
    }
  }
  return out;
}

interface Prepared {
  readonly features: Map<string, number>;
  /** Leaves the label allows: one, or all leaves of a class labelled at level 1. */
  readonly targets: readonly number[];
  readonly weight: number;
}

function prepare(
  examples: readonly LabelledExample[],
  settings: FeaturiserSettings,
  lexicon: CompiledLexicon,
  parse: (text: string) => ParsedNotice,
): Prepared[] {
  return examples.flatMap((e) => {
    const parsed = e.parsed ?? (e.text === undefined ? null : parse(e.text));
    const targets = leavesOf(e.path);
    if (!parsed || targets.length === 0) return [];
    return [
      { features: featurise(parsed, settings, lexicon).values, targets, weight: e.weight ?? 1 },
    ];
  });
}

/**
 * One gradient step of the marginal likelihood of the allowed leaves (so a level-1-only label
 * does not force a sub-class), with L2 pull of each touched feature towards its centre.
 */
function step(
  rows: readonly Float64Array[],
  centre: readonly (Float64Array | null)[],
  lambdas: readonly number[],
  x: readonly (readonly [number, number])[],
  targets: readonly number[],
  rate: number,
  labelCount: number,
): void {
  const z = new Float64Array(labelCount);
  for (const [f, v] of x) {
    const row = rows[f];
    if (!row) continue;
    for (let c = 0; c < labelCount; c++) z[c] = (z[c] ?? 0) + v * (row[c] ?? 0);
  }
  const p = softmax(z);
  const q = new Float64Array(labelCount);
  let mass = 0;
  for (const t of targets) mass += p[t] ?? 0;
  for (const t of targets) q[t] = targets.length === 1 ? 1 : (p[t] ?? 0) / Math.max(mass, 1e-12);
  for (const [f, v] of x) {
    const row = rows[f];
    if (!row) continue;
    const mid = centre[f] ?? null;
    const lambda = lambdas[f] ?? 0;
    for (let c = 0; c < labelCount; c++) {
      const w = row[c] ?? 0;
      const g = v * ((p[c] ?? 0) - (q[c] ?? 0)) + lambda * (w - (mid ? (mid[c] ?? 0) : 0));
      row[c] = w - rate * g;
    }
  }
}

/** Centres a row (softmax ignores a per-feature constant) and drops weights below `prune`. */
function sparsify(row: ArrayLike<number>, prune: number): WeightRow {
  let mean = 0;
  for (let c = 0; c < row.length; c++) mean += row[c] ?? 0;
  mean /= row.length;
  const labels: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < row.length; c++) {
    const v = (row[c] ?? 0) - mean;
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

/** Labelled examples a local model needs before it fits its own calibration on a fifth of them. */
const LOCAL_CALIBRATION_MIN = 50;

/**
 * Trains on the prior and labelled examples. The temperature and floor are fitted on
 * `calibrationExamples` when given; else a model on top of `base` fits them on a held-out fifth of
 * its examples (or keeps the base's with fewer than LOCAL_CALIBRATION_MIN); else they are
 * cross-fitted on the prior.
 */
export function trainModel(
  examples: readonly LabelledExample[],
  options: TrainOptions = {},
): Model {
  const model = fitWeights(examples, options);
  const parse = options.parse ?? parseNotice;
  const held = options.calibrationExamples ?? [];
  if (held.length > 0) {
    return calibrated(model, scoredRows(model, held, parse), `${held.length} 条留出的标注样本`);
  }
  const seed = options.seed ?? 7;
  if (options.base && examples.length >= LOCAL_CALIBRATION_MIN) {
    // The clerk's own labels are the best evidence of how sure the local model may be: a model
    // trained without a fifth of them scores that fifth.
    const random = prng(seed + 29);
    const held = new Set<number>();
    examples.forEach((_, i) => {
      if (random() < 0.2) held.add(i);
    });
    const foldModel = fitWeights(
      examples.filter((_, i) => !held.has(i)),
      options,
    );
    const rows = scoredRows(
      foldModel,
      examples.filter((_, i) => held.has(i)),
      parse,
    );
    return calibrated(
      model,
      rows,
      `${rows.length} 条留出的本地标注（约五分之一，由未见过它们的模型打分）`,
    );
  }
  if (options.base || !options.prior) return model;
  const prior = options.prior;
  const { kept, held: unseen } = splitPrior(prior, CROSS_FIT_FOLDS, seed + 13);
  const rows = kept.flatMap((part, k) => {
    const foldModel = fitWeights(examples, { ...options, prior: part });
    const notices = heldOutNotices(prior, unseen[k] ?? new Map(), seed + 1000 + k);
    return scoredRows(foldModel, notices, parse);
  });
  return calibrated(
    model,
    rows,
    `交叉拟合：先验词表分 ${CROSS_FIT_FOLDS} 份，${rows.length} 篇模拟公文（四种粘贴格式）只用留出的一份词写成，由未见过这些词的模型打分`,
  );
}

function fitWeights(examples: readonly LabelledExample[], options: TrainOptions): Model {
  const settings = options.base?.settings ?? options.settings ?? DEFAULT_SETTINGS;
  const prior = options.prior;
  const lexicon =
    options.base && prior
      ? mergeLexicons(options.base.lexicon, lexiconOf(prior))
      : (options.base?.lexicon ??
        (prior ? lexiconOf(prior) : { terms: [], issuerPatterns: [], rules: [] }));
  const compiled = compileLexicon(lexicon);
  const parse = options.parse ?? parseNotice;
  const seed = options.seed ?? 7;
  const perTerm = options.pseudoPerTerm ?? (options.base ? 0 : 1);
  const pseudo = prior && perTerm > 0 ? pseudoExamples(prior, perTerm, seed) : [];
  const all = [...pseudo, ...examples];
  const prepared = prepare(all, settings, compiled, parse);
  const labelCount = LEAVES.length;

  // Centre of the Gaussian prior: the base model's weights, else the knowledge weights.
  const centreDense = new Map<string, Float64Array>();
  if (options.base) {
    for (const [f, row] of options.base.weights) centreDense.set(f, dense(row, labelCount));
  } else if (prior) {
    for (const [f, row] of knowledgeWeights(prior)) centreDense.set(f, row);
  }

  const df = new Map<string, number>();
  for (const p of prepared) for (const f of p.features.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const minDf = options.minDf ?? 2;
  const maxFeatures = options.maxFeatures ?? 120_000;
  const vocab = [...df.entries()]
    .filter(([f, n]) => n >= minDf && !centreDense.has(f))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures)
    .map(([f]) => f);
  const features = [...centreDense.keys(), ...vocab];
  if (!centreDense.has(BIAS_FEATURE)) features.push(BIAS_FEATURE);
  const index = new Map(features.map((f, i) => [f, i]));
  const rows = features.map((f) =>
    Float64Array.from(centreDense.get(f) ?? new Float64Array(labelCount)),
  );
  const centre = features.map((f) => centreDense.get(f) ?? null);
  const l2 = options.l2 ?? 1e-4;
  const priorL2 = options.priorL2 ?? 2e-3;
  const knowledgeFeature = (f: string): boolean => /^[pir]:/.test(f);
  const lambdas = features.map((f) =>
    options.base && centreDense.has(f) ? priorL2 : knowledgeFeature(f) ? priorL2 : l2,
  );

  const sparse = prepared.map((p) => ({
    x: [...p.features.entries()].flatMap(([f, v]): [number, number][] => {
      const i = index.get(f);
      return i === undefined ? [] : [[i, v]];
    }),
    targets: p.targets,
    weight: p.weight,
  }));
  const epochs = options.epochs ?? 8;
  const rate0 = options.learningRate ?? 0.3;
  const random = prng(seed + 1);
  const order = sparse.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const rate = rate0 / (1 + epoch);
    for (const i of order) {
      const ex = sparse[i];
      if (!ex) continue;
      step(rows, centre, lambdas, ex.x, ex.targets, rate * Math.min(ex.weight, 3), labelCount);
    }
  }

  const prune = options.prune ?? 0.02;
  const weights = new Map<string, WeightRow>();
  features.forEach((f, i) => {
    const row = rows[i];
    if (!row) return;
    const s = sparsify(row, f === BIAS_FEATURE ? 0 : prune);
    if (s.labels.length > 0) weights.set(f, s);
  });

  const summary: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const e of all) {
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
    settings,
    labels: LEAVES,
    lexicon,
    calibration: options.base?.calibration ?? {
      temperature: 1,
      floor: 0,
      fittedOn: 'none',
      // With calibrated scores a top suggestion below 0.6 is wrong at least four times in ten:
      // the clerk should look rather than accept.
      minScore: 0.6,
      minMargin: 0.2,
    },
    weights,
  });
}

function scoredRows(
  model: Model,
  examples: readonly LabelledExample[],
  parse: (text: string) => ParsedNotice,
): { logits: Float64Array; target: number; targets: readonly number[] }[] {
  return prepare(examples, model.settings, model.compiled, parse).map((p) => ({
    logits: scoreLogits(model.weights, p.features, model.labels.length),
    target: p.targets[0] ?? 0,
    targets: p.targets,
  }));
}

function calibrated(
  model: Model,
  rows: readonly { logits: Float64Array; target: number; targets: readonly number[] }[],
  fittedOn: string,
): Model {
  const fitted = fitCalibration(rows);
  const calibration: Calibration = {
    ...model.calibration,
    temperature: Math.round(fitted.temperature * 1000) / 1000,
    floor: fitted.floor,
    fittedOn,
  };
  // How often the top leaf is one the calibration notice's label allows: for cross-fitting, how well the prior
  // generalises to words it does not list.
  let hits = 0;
  for (const row of rows) {
    let best = 0;
    row.logits.forEach((z, i) => {
      if (z > (row.logits[best] ?? 0)) best = i;
    });
    if (row.targets.includes(best)) hits++;
  }
  const metrics = {
    ...model.meta.metrics,
    calibrationN: rows.length,
    calibrationTop1: rows.length === 0 ? 0 : hits / rows.length,
  };
  return { ...model, calibration, meta: { ...model.meta, metrics } };
}

/** Features an incremental update touches, strongest first. */
const UPDATE_FEATURES = 600;
/**
 * An update stops once the decided label has this calibrated probability on the notice itself:
 * enough for the notice to show the decision first, not so much that the shared words of every
 * notice (关于, 通知, 实施方案 …) tilt unrelated suggestions.
 */
const UPDATE_GOAL = 0.8;

/**
 * Learns from one confirmed or overridden notice: at most `steps` normalised gradient steps of the
 * calibrated loss on its strongest features (never the bias, which every notice shares), stopping as soon as
 * the decided label reaches UPDATE_GOAL, so pending suggestions change at once without a full
 * retrain. Returns a new model; the old one is untouched.
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
  for (let s = 0; s < steps; s++) {
    const z = Float64Array.from(rest);
    rows.forEach((row, i) => {
      const v = x[i] ?? 0;
      for (let c = 0; c < labelCount; c++) z[c] = (z[c] ?? 0) + v * (row[c] ?? 0);
    });
    const p = softmax(z, temperature);
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
