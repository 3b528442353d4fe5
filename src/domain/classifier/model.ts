/**
 * The model file (public/model/model.json): its schema, validation and the in-memory form the
 * scorer uses. Weights are sparse: feature → (leaf index, weight) pairs, weights scaled to ints.
 */
import { TAXONOMY, taxonomyLeaves, topicKey, type TopicPath } from '../taxonomy/taxonomy';
import { message } from '../message';
import { ModelError } from './errors';
import { DEFAULT_SETTINGS, FEATURE_SCHEME, type FeaturiserSettings } from './featurise';
import { compileLexicon, type CompiledLexicon, type Lexicon, type Override } from './lexicon';

/** 2: regions apart (title subject, lead, body), maximal term matching, two-level calibration. */
export const MODEL_SCHEMA_VERSION = 2;
/** Weights are stored as integers of this many thousandths: 3 decimals are far below the noise. */
const WEIGHT_SCALE = 1000;
/** No score may reach 1: a model file with a smaller floor is refused. */
export const MIN_FLOOR = 0.01;

/** One feature's weights: parallel arrays of leaf indices and weights. */
export interface WeightRow {
  readonly labels: readonly number[];
  readonly values: readonly number[];
}

/** A data set the calibration was fitted on: its name, size, and hash when it is in the repo. */
export interface CalibrationSourceInfo {
  readonly name: string;
  readonly n: number;
  readonly hash: string | null;
}

/**
 * Platt scaling of the top score: its logit x becomes slope·x + intercept, and the other leaves
 * follow in the same order. One temperature cannot both lower the middle scores and raise the low
 * ones, as gov.cn paragraphs need; `npm run eval` measures it against temperatures alone and an
 * isotonic map (eval/RESULTS.md).
 */
export interface TopScoreMap {
  readonly slope: number;
  readonly intercept: number;
}

export interface Calibration {
  /** Class logits are divided by it before the softmax over classes. */
  readonly temperature: number;
  /** Leaf logits are divided by it before the softmax within a class. */
  readonly temperature2: number;
  /**
   * Share of the probability spread evenly over all leaves last (MIN_FLOOR ≤ floor < 0.5): no
   * suggestion is ever certain, as the catalogue's conventions overrule the evidence now and then.
   */
  readonly floor: number;
  /**
   * Per class, the share of its notices the catalogue files under the class's 其他 whatever
   * sub-class their words point to (gov.cn files a third of 财政、金融、审计 under 其他): that share
   * of the class's probability goes to its 其他 before anything else is said of the sub-class.
   */
  readonly otherShare: ReadonlyMap<string, number>;
  /**
   * Temperatures for a notice without a title (a paragraph, a body pasted alone), fitted on such
   * notices: they carry less evidence than a titled notice, so the same logits mean less. Absent
   * when the calibration data had too few of one kind to fit them apart.
   */
  readonly titlelessTemperature?: number;
  readonly titlelessTemperature2?: number;
  /**
   * For a notice without a title, the top score once more, through a Platt map fitted on such
   * notices (see TopScoreMap); absent when there were too few to fit it.
   */
  readonly titlelessTopScore?: TopScoreMap;
  /** A suggestion scored below this is flagged 不确定. */
  readonly threshold: number;
  /** What the calibration was fitted on, in words. */
  readonly fittedOn: string;
  readonly sources: readonly CalibrationSourceInfo[];
}

export interface ModelMeta {
  readonly createdAt: string;
  readonly generator: string;
  /** sha-256 of the training inputs. */
  readonly dataHash: string;
  readonly trainingSummary: Readonly<Record<string, number>>;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface Model {
  readonly meta: ModelMeta;
  readonly settings: FeaturiserSettings;
  /** The leaves, in weight-index order (taxonomyLeaves()). */
  readonly labels: readonly TopicPath[];
  readonly lexicon: Lexicon;
  readonly compiled: CompiledLexicon;
  readonly calibration: Calibration;
  readonly weights: ReadonlyMap<string, WeightRow>;
}

/** Calibration as written to disk: the per-class shares as a plain object. */
export type CalibrationFile = Omit<Calibration, 'otherShare'> & {
  readonly otherShare: Readonly<Record<string, number>>;
};

/** The JSON written to disk. */
export interface ModelFile {
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly generator: string;
  readonly settings: FeaturiserSettings;
  readonly labels: readonly string[];
  readonly dataHash: string;
  readonly trainingSummary: Readonly<Record<string, number>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly calibration: CalibrationFile;
  readonly lexicon: Lexicon;
  readonly weightScale: number;
  /** [feature, [leafIndex, scaledWeight, leafIndex, scaledWeight, …]] */
  readonly weights: readonly (readonly [string, readonly number[]])[];
}

export function leafKeys(): string[] {
  return taxonomyLeaves(TAXONOMY).map(topicKey);
}

export function buildModel(parts: Omit<Model, 'compiled'>): Model {
  return { ...parts, compiled: compileLexicon(parts.lexicon) };
}

export function serialiseModel(model: Model): ModelFile {
  const weights: [string, number[]][] = [];
  for (const [feature, row] of model.weights) {
    const flat: number[] = [];
    row.labels.forEach((label, i) => {
      const q = Math.round((row.values[i] ?? 0) * WEIGHT_SCALE);
      if (q !== 0) flat.push(label, q);
    });
    if (flat.length > 0) weights.push([feature, flat]);
  }
  weights.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    schemaVersion: MODEL_SCHEMA_VERSION,
    createdAt: model.meta.createdAt,
    generator: model.meta.generator,
    settings: model.settings,
    labels: model.labels.map(topicKey),
    dataHash: model.meta.dataHash,
    trainingSummary: model.meta.trainingSummary,
    metrics: model.meta.metrics,
    calibration: {
      ...model.calibration,
      otherShare: Object.fromEntries([...model.calibration.otherShare].sort()),
    },
    lexicon: model.lexicon,
    weightScale: WEIGHT_SCALE,
    weights,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function need<T>(ok: boolean, value: T, what: string): T {
  if (!ok) throw new ModelError(message('modelFieldInvalid', { field: what }));
  return value;
}

function numberRecord(v: unknown, what: string): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  if (v === undefined) return out;
  if (!isRecord(v)) throw new ModelError(message('modelFieldInvalid', { field: what }));
  for (const [k, n] of Object.entries(v)) if (typeof n === 'number') out[k] = n;
  return out;
}

function readSettings(v: unknown): FeaturiserSettings {
  if (!isRecord(v)) throw new ModelError(message('modelFieldInvalid', { field: 'settings' }));
  const out: Record<string, number | boolean> = {};
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const given = v[key];
    if (typeof given !== typeof fallback) {
      throw new ModelError(message('modelFieldInvalid', { field: `settings.${key}` }));
    }
    out[key] = given as number | boolean;
  }
  if (out.scheme !== FEATURE_SCHEME) {
    throw new ModelError(
      message('modelSchemeUnsupported', { found: String(out.scheme), expected: FEATURE_SCHEME }),
    );
  }
  return out as unknown as FeaturiserSettings;
}

function readOverride(v: unknown, id: string): Override {
  const keys = new Set(['area-other', ...leafKeys()]);
  if (
    !isRecord(v) ||
    typeof v.target !== 'string' ||
    !keys.has(v.target) ||
    typeof v.share !== 'number' ||
    !(v.share > 0 && v.share < 1)
  ) {
    throw new ModelError(message('modelFieldInvalid', { field: `lexicon.rules[${id}].override` }));
  }
  return { target: v.target, share: v.share };
}

function readTopScoreMap(v: unknown): TopScoreMap {
  if (
    !isRecord(v) ||
    typeof v.slope !== 'number' ||
    !(v.slope > 0 && Number.isFinite(v.slope)) ||
    typeof v.intercept !== 'number' ||
    !Number.isFinite(v.intercept)
  ) {
    throw new ModelError(message('modelFieldInvalid', { field: 'calibration.titlelessTopScore' }));
  }
  return { slope: v.slope, intercept: v.intercept };
}

function readCalibration(v: unknown): Calibration {
  if (!isRecord(v)) throw new ModelError(message('modelFieldInvalid', { field: 'calibration' }));
  const positive = (key: string): number => {
    const n = v[key];
    if (typeof n !== 'number' || !(n > 0)) {
      throw new ModelError(message('modelFieldInvalid', { field: `calibration.${key}` }));
    }
    return n;
  };
  const floor = v.floor;
  if (typeof floor !== 'number' || !(floor >= MIN_FLOOR && floor < 0.5)) {
    throw new ModelError(message('modelFieldInvalid', { field: 'calibration.floor' }));
  }
  const threshold = v.threshold;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) {
    throw new ModelError(message('modelFieldInvalid', { field: 'calibration.threshold' }));
  }
  const sources = Array.isArray(v.sources) ? v.sources : [];
  const classes = new Set(TAXONOMY.classes.map((c) => c.name));
  const otherShare = new Map<string, number>();
  if (v.otherShare !== undefined) {
    if (!isRecord(v.otherShare))
      throw new ModelError(message('modelFieldInvalid', { field: 'calibration.otherShare' }));
    for (const [label1, share] of Object.entries(v.otherShare)) {
      if (!classes.has(label1) || typeof share !== 'number' || !(share >= 0 && share < 1)) {
        throw new ModelError(
          message('modelFieldInvalid', { field: `calibration.otherShare[${label1}]` }),
        );
      }
      otherShare.set(label1, share);
    }
  }
  return {
    otherShare,
    temperature: positive('temperature'),
    temperature2: positive('temperature2'),
    ...(v.titlelessTemperature === undefined
      ? {}
      : {
          titlelessTemperature: positive('titlelessTemperature'),
          titlelessTemperature2: positive('titlelessTemperature2'),
        }),
    ...(v.titlelessTopScore === undefined
      ? {}
      : {
          titlelessTopScore: readTopScoreMap(v.titlelessTopScore),
        }),
    floor,
    threshold,
    fittedOn: typeof v.fittedOn === 'string' ? v.fittedOn : '',
    sources: sources.flatMap((s: unknown) =>
      isRecord(s) && typeof s.name === 'string' && typeof s.n === 'number'
        ? [{ name: s.name, n: s.n, hash: typeof s.hash === 'string' ? s.hash : null }]
        : [],
    ),
  };
}

function readLexicon(v: unknown): Lexicon {
  if (!isRecord(v)) throw new ModelError(message('modelFieldInvalid', { field: 'lexicon' }));
  const { terms, neutral, issuerPatterns, docNumberPrefixes, rules } = v;
  need(Array.isArray(terms) && terms.every((t) => typeof t === 'string'), null, 'lexicon.terms');
  need(
    Array.isArray(neutral) && neutral.every((t) => typeof t === 'string'),
    null,
    'lexicon.neutral',
  );
  need(
    Array.isArray(issuerPatterns) && issuerPatterns.every((t) => typeof t === 'string'),
    null,
    'lexicon.issuerPatterns',
  );
  need(
    docNumberPrefixes === undefined ||
      (Array.isArray(docNumberPrefixes) && docNumberPrefixes.every((t) => typeof t === 'string')),
    null,
    'lexicon.docNumberPrefixes',
  );
  need(Array.isArray(rules), null, 'lexicon.rules');
  const ruleList = (rules as unknown[]).map((r, i) => {
    if (!isRecord(r) || typeof r.id !== 'string' || typeof r.titlePattern !== 'string') {
      throw new ModelError(message('modelFieldInvalid', { field: `lexicon.rules[${i}]` }));
    }
    try {
      new RegExp(r.titlePattern, 'u');
      if (typeof r.bodyPattern === 'string') new RegExp(r.bodyPattern, 'u');
    } catch {
      throw new ModelError(
        message('modelFieldInvalid', { field: `lexicon.rules[${r.id}].titlePattern` }),
      );
    }
    return {
      id: r.id,
      ...(typeof r.name === 'string' ? { name: r.name } : {}),
      titlePattern: r.titlePattern,
      ...(typeof r.bodyPattern === 'string' ? { bodyPattern: r.bodyPattern } : {}),
      ...(r.override === undefined ? {} : { override: readOverride(r.override, r.id) }),
    };
  });
  const level1 = v.level1;
  need(
    level1 === undefined ||
      (Array.isArray(level1) &&
        level1.every(
          (e) =>
            isRecord(e) &&
            typeof e.label1 === 'string' &&
            Array.isArray(e.keywords) &&
            e.keywords.every((k) => typeof k === 'string'),
        )),
    null,
    'lexicon.level1',
  );
  return {
    terms: terms as string[],
    neutral: neutral as string[],
    issuerPatterns: issuerPatterns as string[],
    ...(docNumberPrefixes === undefined
      ? {}
      : { docNumberPrefixes: docNumberPrefixes as string[] }),
    rules: ruleList,
    ...(level1 === undefined ? {} : { level1: level1 as Lexicon['level1'] }),
  };
}

/**
 * Validates a model file (already JSON-parsed) and builds the in-memory model.
 * WARNING: throws ModelError; its `reason` is a catalogue message the desk shows to the clerk.
 */
export function parseModel(json: unknown): Model {
  if (!isRecord(json)) throw new ModelError(message('modelNotObject'));
  const version = json.schemaVersion;
  if (version === undefined)
    throw new ModelError(message('modelFieldInvalid', { field: 'schemaVersion' }));
  if (typeof version === 'number' && version < MODEL_SCHEMA_VERSION) {
    throw new ModelError(
      message('modelTooOld', { found: version, expected: MODEL_SCHEMA_VERSION }),
    );
  }
  if (version !== MODEL_SCHEMA_VERSION) {
    throw new ModelError(
      message('modelVersionUnsupported', {
        found: String(version),
        expected: MODEL_SCHEMA_VERSION,
      }),
    );
  }
  const labels = json.labels;
  if (!Array.isArray(labels))
    throw new ModelError(message('modelFieldInvalid', { field: 'labels' }));
  const expected = leafKeys();
  if (labels.length !== expected.length || labels.some((l, i) => l !== expected[i])) {
    const missing = expected.filter((k) => !labels.includes(k));
    const extra = labels.filter((l) => typeof l !== 'string' || !expected.includes(l));
    // Differences as a list the catalogue quotes whatever the language: "-missing, +extra".
    const differs = [
      ...missing.slice(0, 3).map((k) => `-${k}`),
      ...extra.slice(0, 3).map((l) => `+${String(l)}`),
    ].join(', ');
    throw new ModelError(
      message('modelLabelsMismatch', {
        expected: expected.length,
        found: labels.length,
        differs: differs === '' ? '—' : differs,
      }),
    );
  }
  const settings = readSettings(json.settings);
  const lexicon = readLexicon(json.lexicon);
  const calibration = readCalibration(json.calibration);
  const scale = typeof json.weightScale === 'number' && json.weightScale > 0 ? json.weightScale : 0;
  if (scale === 0) throw new ModelError(message('modelFieldInvalid', { field: 'weightScale' }));
  const rawWeights = json.weights;
  if (!Array.isArray(rawWeights))
    throw new ModelError(message('modelFieldInvalid', { field: 'weights' }));
  const weights = new Map<string, WeightRow>();
  for (const entry of rawWeights as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) {
      throw new ModelError(message('modelFieldInvalid', { field: 'weights[]' }));
    }
    const flat = entry[1] as unknown[];
    const rowLabels: number[] = [];
    const values: number[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const label = flat[i];
      const q = flat[i + 1];
      if (
        typeof label !== 'number' ||
        typeof q !== 'number' ||
        !Number.isInteger(label) ||
        label < 0 ||
        label >= expected.length
      ) {
        throw new ModelError(message('modelFieldInvalid', { field: `weights[${entry[0]}]` }));
      }
      rowLabels.push(label);
      values.push(q / scale);
    }
    weights.set(entry[0], { labels: rowLabels, values });
  }
  const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
  return buildModel({
    meta: {
      createdAt: str(json.createdAt, ''),
      generator: str(json.generator, ''),
      dataHash: str(json.dataHash, ''),
      trainingSummary: numberRecord(json.trainingSummary, 'trainingSummary'),
      metrics: numberRecord(json.metrics, 'metrics'),
    },
    settings,
    labels: taxonomyLeaves(TAXONOMY),
    lexicon,
    calibration,
    weights,
  });
}
