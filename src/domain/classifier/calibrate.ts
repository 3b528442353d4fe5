/**
 * Calibration: what a score means. Fitted on labelled notices the model has not seen, so that of
 * the suggestions shown at 90%, nine in ten are right. Two temperatures (between classes, and
 * between the sub-classes of one class, which the catalogue's habits blur more), a floor that
 * keeps every score below 100%, and the score below which a suggestion is flagged 不确定.
 */
import type { Override } from './lexicon';
import { MIN_FLOOR, type Calibration, type TopScoreMap } from './model';
import {
  calibratedProbabilities,
  CLASS_MEMBERS,
  CLASS_NAMES,
  CLASS_OTHER,
  scoreLogit,
  topLeaf,
  type ScoreCalibration,
} from './score';

/** A convention that fired on a notice: its rule and what it does to the scores. */
export interface FiredConvention {
  readonly id: string;
  readonly override: Override;
}

/** A held-out prediction: raw logits, the leaves its label allows, the conventions that fired. */
export interface CalibrationRow {
  readonly logits: ArrayLike<number>;
  readonly targets: readonly number[];
  readonly conventions: readonly FiredConvention[];
  /**
   * Whether the row stands for a whole notice (it has a title) of the catalogue being modelled, not a
   * paragraph cut from one nor a notice of another catalogue: only such rows say how often the
   * label departs from what the notice says (the floor).
   */
  readonly whole: boolean;
  /** Whether the notice has a title (absent: taken as titled); see Calibration.titlelessTemperature. */
  readonly titled?: boolean;
}

/** Rows of each kind (titled, titleless) needed to fit the kinds' temperatures apart. */
export const MIN_KIND_ROWS = 100;

/** Suggestions at or above the threshold must be right this often (full path, held-out). */
export const SURE_ACCURACY = 0.93;

export const DEFAULT_CALIBRATION: Calibration = {
  temperature: 1,
  temperature2: 1,
  floor: 0.05,
  otherShare: new Map(),
  threshold: SURE_ACCURACY,
  fittedOn: 'none',
  sources: [],
};

/** Mean over rows of a loss of each row's calibrated probabilities. */
function meanLoss(
  rows: readonly CalibrationRow[],
  calibration: ScoreCalibration,
  loss: (p: ArrayLike<number>, row: CalibrationRow) => number,
): number {
  let sum = 0;
  for (const row of rows) sum += loss(rowProbabilities(row, calibration), row);
  return rows.length === 0 ? 0 : sum / rows.length;
}

/** A row's leaf probabilities under a calibration, after the conventions that fired on it. */
function rowProbabilities(row: CalibrationRow, calibration: ScoreCalibration): Float64Array {
  return calibratedProbabilities(
    row.logits,
    calibration,
    row.conventions.map((c) => c.override),
  );
}

/** The top leaf's score on a row, and whether the row's label allows that leaf. */
function topSuggestion(p: ArrayLike<number>, row: CalibrationRow): ScoredSuggestion {
  const top = topLeaf(p);
  return { confidence: p[top] ?? 0, correct: row.targets.includes(top) };
}

/** Mean negative log-likelihood of the allowed leaves under a calibration. */
export function negativeLogLikelihood(
  rows: readonly CalibrationRow[],
  calibration: ScoreCalibration,
): number {
  return meanLoss(rows, calibration, (p, row) => {
    let mass = 0;
    for (const t of row.targets) mass += p[t] ?? 0;
    return -Math.log(Math.max(mass, 1e-12));
  });
}

/**
 * Mean log-loss of the top suggestion's score as a forecast of its being right: the one number a
 * clerk reads. The likelihood of every leaf can be best at temperatures that leave the top score
 * too sure (measured on gov.cn paragraphs: scores of 0.5–0.9 were right far less often).
 */
export function topScoreLogLoss(
  rows: readonly CalibrationRow[],
  calibration: ScoreCalibration,
): number {
  return meanLoss(rows, calibration, (p, row) => {
    const { confidence, correct } = topSuggestion(p, row);
    const score = Math.min(Math.max(confidence, 1e-12), 1 - 1e-12);
    return -Math.log(correct ? score : 1 - score);
  });
}

/**
 * Both temperatures scaled by the one factor (0.5–4) that makes the top score mean what it says on
 * these rows (see topScoreLogLoss); the ratio the likelihood chose between them is kept.
 */
function topTemperature(fit: ScoreCalibration, rows: readonly CalibrationRow[]): ScoreCalibration {
  const scaled = (x: number): ScoreCalibration => ({
    ...fit,
    temperature: fit.temperature * Math.exp(x),
    temperature2: fit.temperature2 * Math.exp(x),
  });
  return scaled(goldenMin((x) => topScoreLogLoss(rows, scaled(x)), Math.log(0.5), Math.log(4)));
}

/** How many rows' worth of weight hold a Platt map near the identity (slope 1, intercept 0). */
const PLATT_PRIOR_ROWS = 5;

/** A top score and whether its suggestion was right: what a map of the top score is fitted on. */
export interface ScoredSuggestion {
  readonly confidence: number;
  readonly correct: boolean;
}

/**
 * The Platt map (see TopScoreMap) that makes these top scores the best forecast of their being
 * right: logistic regression of rightness on the score's logit, by Newton's method, held near the
 * identity by PLATT_PRIOR_ROWS rows' worth of weight.
 */
export function fitPlatt(suggestions: readonly ScoredSuggestion[]): TopScoreMap {
  const points = suggestions.map(({ confidence, correct }) => ({
    x: scoreLogit(confidence),
    y: correct ? 1 : 0,
  }));
  const lambda = PLATT_PRIOR_ROWS;
  const loss = (a: number, b: number): number => {
    let sum = (lambda / 2) * ((a - 1) * (a - 1) + b * b);
    for (const { x, y } of points) {
      const z = a * x + b;
      // log(1 + e^z) − y·z, written so a large |z| cannot overflow.
      sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
    }
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let step = 0; step < 50; step++) {
    // Gradient and Hessian of the penalised log-loss in (a, b).
    let ga = lambda * (a - 1);
    let gb = lambda * b;
    let haa = lambda;
    let hab = 0;
    let hbb = lambda;
    for (const { x, y } of points) {
      const q = 1 / (1 + Math.exp(-(a * x + b)));
      const w = q * (1 - q);
      ga += (q - y) * x;
      gb += q - y;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Newton's step, halved until the loss falls: a full step can overshoot far from the optimum.
    let t = 1;
    while (t > 1e-6 && !(loss(a - t * da, b - t * db) < current)) t /= 2;
    if (t <= 1e-6) break;
    a -= t * da;
    b -= t * db;
    current = loss(a, b);
    if (t * (Math.abs(da) + Math.abs(db)) < 1e-9) break;
  }
  // A slope at or below 0 would turn the order of the scores around: keep it positive.
  return { slope: Math.max(a, 0.05), intercept: b };
}

/** The Platt map of these rows' top scores under `calibration` (see fitPlatt). */
export function fitTopScoreMap(
  rows: readonly CalibrationRow[],
  calibration: ScoreCalibration,
): TopScoreMap {
  return fitPlatt(rows.map((row) => topSuggestion(rowProbabilities(row, calibration), row)));
}

/** Golden-section search of a unimodal function on [lo, hi]. */
function goldenMin(f: (x: number) => number, lo: number, hi: number, steps = 20): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let i = 0; i < steps; i++) {
    const c = b - phi * (b - a);
    const d = a + phi * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

/**
 * Floors tried: shares of probability spread evenly over the leaves. At most 0.05, so a calibrated
 * score can still reach SURE_ACCURACY.
 */
const FLOORS = [MIN_FLOOR, 0.02, 0.03, 0.04, 0.05];

/** The most held-out rows the calibration is fitted on. */
const MAX_ROWS = 2000;

/**
 * How many rows' worth of weight pull a fitted share towards the share it starts from (a class's
 * 其他 share towards that of all classes; a convention's towards the prior's).
 */
const SHARE_PRIOR_ROWS = 10;

/**
 * The share in [0, max] that minimises `totalLoss` (a sum over rows) plus a pull towards `start`
 * worth SHARE_PRIOR_ROWS rows, so a share seen on a handful of rows stays close to where it began.
 */
function pulledShare(totalLoss: (share: number) => number, start: number, max = 0.9): number {
  return goldenMin((w) => totalLoss(w) + SHARE_PRIOR_ROWS * 4 * (w - start) * (w - start), 0, max);
}

/**
 * Each class's otherShare: the share that maximises the likelihood of the held-out rows labelled
 * with a full path in that class, pulled towards the share fitted over every class, so a class
 * with a handful of rows keeps close to the common habit and one without rows takes it.
 */
export function fitOtherShare(
  rows: readonly CalibrationRow[],
  calibration: Omit<ScoreCalibration, 'otherShare'>,
): Map<string, number> {
  const fullPath = rows.filter((r) => r.targets.length === 1);
  const nll = (subset: readonly CalibrationRow[], share: (label1: string) => number): number =>
    negativeLogLikelihood(subset, {
      ...calibration,
      otherShare: new Map(CLASS_NAMES.map((n) => [n, share(n)])),
    }) * subset.length;
  const common = goldenMin((w) => nll(fullPath, () => w), 0, 0.9);
  const out = new Map<string, number>();
  CLASS_MEMBERS.forEach((members, c) => {
    const name = CLASS_NAMES[c] ?? '';
    if ((CLASS_OTHER[c] ?? -1) < 0) return;
    const own = fullPath.filter((r) => members.includes(r.targets[0] ?? -1));
    const fitted = pulledShare((w) => nll(own, (n) => (n === name ? w : common)), common);
    out.set(name, Math.round(fitted * 1000) / 1000);
  });
  return out;
}

/** Below this share a convention no longer overrides the content (a model file's share is > 0). */
export const MIN_CONVENTION_SHARE = 0.01;

/**
 * An office's own habit for each convention that fired on its held-out notices: the share that
 * best explains the labels it gave them, pulled towards the prior's share (conventions differ
 * between catalogues: Hebei files the staffing of a 领导小组 under the group's subject or 其他,
 * gov.cn under 国务院组织机构). Conventions that never fired keep their share; a share that falls
 * below MIN_CONVENTION_SHARE comes back as 0 (the convention no longer overrides).
 */
export function fitConventionShares(
  rows: readonly CalibrationRow[],
  calibration: ScoreCalibration,
): Map<string, number> {
  const fired = new Map<string, { readonly start: number; readonly rows: CalibrationRow[] }>();
  for (const row of rows) {
    for (const c of row.conventions) {
      const entry = fired.get(c.id) ?? { start: c.override.share, rows: [] };
      entry.rows.push(row);
      fired.set(c.id, entry);
    }
  }
  const out = new Map<string, number>();
  for (const [id, { start, rows: own }] of fired) {
    const at = (share: number): CalibrationRow[] =>
      own.map((row) => ({
        ...row,
        conventions: row.conventions.map((c) =>
          c.id === id ? { id, override: { ...c.override, share } } : c,
        ),
      }));
    const fitted = pulledShare(
      (share) => negativeLogLikelihood(at(share), calibration) * own.length,
      start,
      0.95,
    );
    out.set(id, fitted < MIN_CONVENTION_SHARE ? 0 : Math.round(fitted * 1000) / 1000);
  }
  return out;
}

/**
 * Temperatures, shares and floor that fit held-out rows: the temperatures and each class's 其他
 * share minimise the NLL of every row (in turns); the floor that of the rows standing for a whole
 * notice (a paragraph's label is its document's, which the paragraph may not speak of: that is no
 * reason to doubt a whole notice). 不确定 is set below SURE_ACCURACY: with calibrated scores, a
 * suggestion at or above it is right at least that often. The defaults come back when there is
 * nothing to fit on.
 */
export function fitCalibration(
  all: readonly CalibrationRow[],
  about: Pick<Calibration, 'fittedOn' | 'sources'>,
): Calibration {
  if (all.length === 0) return { ...DEFAULT_CALIBRATION, ...about };
  // A few parameters need a few thousand rows at most; an evenly spaced sample keeps the fit fast.
  const step = Math.ceil(all.length / MAX_ROWS);
  const rows = step === 1 ? all : all.filter((_, i) => i % step === 0);
  const whole = rows.filter((r) => r.whole);
  const judge = whole.length > 0 ? whole : rows;
  // Temperatures and shares at the smallest floor, in turns; then the floor on whole notices;
  // then the temperatures once more at that floor.
  const temperatures = (fit: ScoreCalibration, on = rows): ScoreCalibration => {
    const t1 = Math.exp(
      goldenMin(
        (x) => negativeLogLikelihood(on, { ...fit, temperature: Math.exp(x) }),
        Math.log(0.05),
        Math.log(20),
      ),
    );
    const t2 = Math.exp(
      goldenMin(
        (x) => negativeLogLikelihood(on, { ...fit, temperature: t1, temperature2: Math.exp(x) }),
        Math.log(0.05),
        Math.log(20),
      ),
    );
    return { ...fit, temperature: t1, temperature2: t2 };
  };
  let fit: ScoreCalibration = {
    temperature: 1,
    temperature2: 1,
    floor: MIN_FLOOR,
    otherShare: new Map(),
  };
  for (let round = 0; round < 2; round++) {
    fit = temperatures(fit);
    fit = { ...fit, otherShare: fitOtherShare(rows, fit) };
  }
  let bestLoss = Infinity;
  let floor = MIN_FLOOR;
  for (const f of FLOORS) {
    const loss = negativeLogLikelihood(judge, { ...fit, floor: f });
    if (loss < bestLoss) {
      bestLoss = loss;
      floor = f;
    }
  }
  const best = temperatures({ ...fit, floor });
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  // A titled notice (title, issuer and body) says more than a paragraph: with enough of each kind,
  // each gets the temperatures fitted on its own rows (a titled row's sub-class is mostly unknown
  // — the Hebei titles give the class only — so its sub-class temperature stays the common one).
  const titled = rows.filter((r) => r.titled !== false);
  const titleless = rows.filter((r) => r.titled === false);
  const apart = titled.length >= MIN_KIND_ROWS && titleless.length >= MIN_KIND_ROWS;
  const own = apart ? topTemperature(temperatures(best, titleless), titleless) : null;
  const topScore = own ? fitTopScoreMap(titleless, own) : null;
  const t1 = apart
    ? Math.exp(
        goldenMin(
          (x) => negativeLogLikelihood(titled, { ...best, temperature: Math.exp(x) }),
          Math.log(0.05),
          Math.log(20),
        ),
      )
    : best.temperature;
  return {
    temperature: round(t1),
    temperature2: round(best.temperature2),
    ...(own
      ? {
          titlelessTemperature: round(own.temperature),
          titlelessTemperature2: round(own.temperature2),
        }
      : {}),
    ...(topScore
      ? {
          titlelessTopScore: {
            slope: round(topScore.slope),
            intercept: round(topScore.intercept),
          },
        }
      : {}),
    floor: best.floor,
    otherShare: best.otherShare,
    threshold: SURE_ACCURACY,
    ...about,
  };
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
export function reliability(predictions: readonly ScoredSuggestion[], bins = 10): ReliabilityBin[] {
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
  predictions: readonly ScoredSuggestion[],
  bins = 10,
): number {
  let ece = 0;
  for (const bin of reliability(predictions, bins)) {
    ece += (bin.n / predictions.length) * Math.abs(bin.confidence - bin.accuracy);
  }
  return ece;
}
