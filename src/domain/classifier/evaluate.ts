/**
 * How good the suggestions are, measured as a clerk meets them: accuracy at both levels, whether a
 * score means what it says (calibration, suggestions scored ≥ 0.9, suggestions not flagged 不确定),
 * from predictions of any model — ours, a baseline, an earlier release — so they compare on the
 * same examples. Cross-validation folds never split a document (LabelledExample.group).
 */
import { parseNotice } from '../notice';
import type { ParsedNotice } from '../notice/types';
import { topicKey, type TopicPath } from '../taxonomy/taxonomy';
import { expectedCalibrationError, reliability, type ReliabilityBin } from './calibrate';
import { featurise } from './featurise';
import type { Model } from './model';
import { isUncertain, level1Scores, probabilities } from './score';
import { groupFolds, type LabelledExample } from './train';

/** What a model suggests for one notice: both rankings, best first, and its own doubt. */
export interface Prediction {
  readonly level1: readonly { readonly label1: string; readonly score: number }[];
  /** Full paths; at least three. */
  readonly top: readonly { readonly path: TopicPath; readonly score: number }[];
  readonly uncertain: boolean;
}

export function predict(model: Model, parsed: ParsedNotice): Prediction {
  const probs = probabilities(model, featurise(parsed, model.settings, model.compiled));
  const level1 = [...level1Scores(model, probs).entries()]
    .map(([label1, score]) => ({ label1, score }))
    .sort((a, b) => b.score - a.score || (a.label1 < b.label1 ? -1 : 1));
  const top = [...probs.keys()]
    .sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0) || a - b)
    .slice(0, 5)
    .map((i) => ({
      path: model.labels[i] ?? { label1: '', label2: null },
      score: probs[i] ?? 0,
    }));
  return { level1, top, uncertain: isUncertain(model, probs) };
}

export interface ClassRow {
  readonly label: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** A share with the count it rests on: `right` of `n`. */
export interface Tally {
  readonly right: number;
  readonly n: number;
}

export interface Evaluation {
  readonly n: number;
  /** Examples labelled with a full path (level-2 figures are over these). */
  readonly n2: number;
  readonly top1Level1: number;
  readonly top3Level1: number;
  readonly top1Level2: number;
  readonly top3Level2: number;
  /** Macro-F1 over level-1 classes present in the data. */
  readonly macroF1Level1: number;
  readonly perClass: readonly ClassRow[];
  /** Most frequent (true → predicted) level-1 confusions. */
  readonly confused: readonly {
    readonly gold: string;
    readonly predicted: string;
    readonly count: number;
  }[];
  /** Expected calibration error (10 bins) of the level-1 top score. */
  readonly eceLevel1: number;
  /** Expected calibration error (10 bins) of the full-path top score, over n2. */
  readonly eceLevel2: number;
  readonly reliabilityLevel2: readonly ReliabilityBin[];
  /** Full-path top suggestions scored ≥ 0.9, and how many were right. */
  readonly highConfidence: Tally;
  /** Notices not flagged 不确定, and how many of those had the right full path (over n2). */
  readonly sure: Tally;
  /** Share of all notices not flagged 不确定. */
  readonly sureShare: number;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Figures from predictions paired with the labels people gave. */
export function figures(
  pairs: readonly {
    readonly prediction: Prediction;
    readonly gold: TopicPath;
    /**
     * 1 when the label was only ever given at level 1 (a catalogue that files by class): its
     * top-level 其他 then says nothing of a full path.
     */
    readonly levels?: 1 | 2;
  }[],
): Evaluation {
  let top1L1 = 0;
  let top3L1 = 0;
  let top1L2 = 0;
  let top3L2 = 0;
  let n2 = 0;
  let sureAll = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const support = new Map<string, number>();
  const confused = new Map<string, number>();
  const cal1: { confidence: number; correct: boolean }[] = [];
  const cal2: { confidence: number; correct: boolean }[] = [];
  const high = { right: 0, n: 0 };
  const sure = { right: 0, n: 0 };
  const inc = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const { prediction, gold, levels } of pairs) {
    const rank1 = prediction.level1.findIndex((l) => l.label1 === gold.label1);
    if (rank1 === 0) top1L1++;
    if (rank1 >= 0 && rank1 < 3) top3L1++;
    cal1.push({ confidence: prediction.level1[0]?.score ?? 0, correct: rank1 === 0 });
    const pred1 = prediction.level1[0]?.label1 ?? '';
    inc(support, gold.label1);
    if (pred1 === gold.label1) inc(tp, gold.label1);
    else {
      inc(fp, pred1);
      inc(fn, gold.label1);
      inc(confused, `${gold.label1}\u0000${pred1}`);
    }
    if (!prediction.uncertain) sureAll++;
    // A full path is known for a sub-class, and for the top-level 其他, which has none.
    const fullPath = gold.label2 !== null || (gold.label1 === '其他' && levels !== 1);
    if (!fullPath) continue;
    n2++;
    const key = topicKey(gold);
    const rank2 = prediction.top.findIndex((t) => topicKey(t.path) === key);
    if (rank2 === 0) top1L2++;
    if (rank2 >= 0 && rank2 < 3) top3L2++;
    const score = prediction.top[0]?.score ?? 0;
    cal2.push({ confidence: score, correct: rank2 === 0 });
    if (score >= 0.9) {
      high.n++;
      if (rank2 === 0) high.right++;
    }
    if (!prediction.uncertain) {
      sure.n++;
      if (rank2 === 0) sure.right++;
    }
  }
  const n = pairs.length;
  const perClass: ClassRow[] = [...support.keys()].sort().map((label) => {
    const t = tp.get(label) ?? 0;
    const precision = ratio(t, t + (fp.get(label) ?? 0));
    const recall = ratio(t, t + (fn.get(label) ?? 0));
    const f1 = ratio(2 * precision * recall, precision + recall);
    return { label, support: support.get(label) ?? 0, precision, recall, f1 };
  });
  return {
    n,
    n2,
    top1Level1: ratio(top1L1, n),
    top3Level1: ratio(top3L1, n),
    top1Level2: ratio(top1L2, n2),
    top3Level2: ratio(top3L2, n2),
    macroF1Level1: ratio(
      perClass.reduce((s, r) => s + r.f1, 0),
      perClass.length,
    ),
    perClass,
    confused: [...confused.entries()]
      .map(([k, count]) => {
        const [gold = '', predicted = ''] = k.split('\u0000');
        return { gold, predicted, count };
      })
      .sort((a, b) => b.count - a.count || (a.gold < b.gold ? -1 : 1))
      .slice(0, 10),
    eceLevel1: expectedCalibrationError(cal1),
    eceLevel2: expectedCalibrationError(cal2),
    reliabilityLevel2: reliability(cal2),
    highConfidence: high,
    sure,
    sureShare: ratio(sureAll, n),
  };
}

function parsedOf(e: LabelledExample, parse: (text: string) => ParsedNotice): ParsedNotice | null {
  return e.parsed ?? (e.text === undefined ? null : parse(e.text));
}

export function evaluate(
  model: Model,
  examples: readonly LabelledExample[],
  parse: (text: string) => ParsedNotice = parseNotice,
): Evaluation {
  return figures(
    examples.flatMap((e) => {
      const parsed = parsedOf(e, parse);
      return parsed ? [{ prediction: predict(model, parsed), gold: e.path }] : [];
    }),
  );
}

export interface FoldResult {
  readonly fold: number;
  readonly trainIndices: readonly number[];
  readonly testIndices: readonly number[];
  readonly evaluation: Evaluation;
}

/**
 * k-fold cross-validation by group (a document's paragraphs, a notice with and without its header
 * stay together): each fold is predicted by a model made from the other folds only. `makeModel`
 * receives the training fold and its number; the figures are per fold and pooled over every
 * prediction.
 */
export function crossValidate(
  examples: readonly LabelledExample[],
  k: number,
  makeModel: (train: readonly LabelledExample[], fold: number) => Model,
  parse: (text: string) => ParsedNotice = parseNotice,
): { folds: FoldResult[]; overall: Evaluation } {
  const foldOf = groupFolds(examples, k);
  const pooled: { prediction: Prediction; gold: TopicPath }[] = [];
  const folds: FoldResult[] = [];
  for (let fold = 0; fold < k; fold++) {
    const testIndices = examples.flatMap((_, i) => (foldOf[i] === fold ? [i] : []));
    const trainIndices = examples.flatMap((_, i) => (foldOf[i] === fold ? [] : [i]));
    if (testIndices.length === 0) continue;
    const model = makeModel(
      trainIndices.map((i) => examples[i]).filter((e): e is LabelledExample => e !== undefined),
      fold,
    );
    const pairs = testIndices.flatMap((i) => {
      const e = examples[i];
      const parsed = e ? parsedOf(e, parse) : null;
      return e && parsed ? [{ prediction: predict(model, parsed), gold: e.path }] : [];
    });
    pooled.push(...pairs);
    folds.push({ fold, trainIndices, testIndices, evaluation: figures(pairs) });
  }
  return { folds, overall: figures(pooled) };
}

/**
 * The 95% Wilson score interval of a share of `k` in `n`: what a cross-validated figure on a few
 * dozen notices can honestly claim. [0, 1] when n is 0.
 */
export function wilsonInterval(
  k: number,
  n: number,
): { readonly low: number; readonly high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = 1.96;
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
