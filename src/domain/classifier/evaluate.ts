/** Accuracy, macro-F1, confusions and calibration of a model on labelled notices; k-fold CV. */
import { parseNotice } from '../notice';
import type { ParsedNotice } from '../notice/types';
import { topicKey } from '../taxonomy/taxonomy';
import { expectedCalibrationError, reliability, type ReliabilityBin } from './calibrate';
import { featurise } from './featurise';
import type { Model } from './model';
import { isUncertain, level1Scores, probabilities } from './score';
import { prng, type LabelledExample } from './train';

export interface ClassRow {
  readonly label: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Evaluation {
  readonly n: number;
  /** Examples labelled with both levels (level-2 figures are over these). */
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
  /** Expected calibration error of the level-1 top score. */
  readonly eceLevel1: number;
  /** Expected calibration error of the level-2 top score (over n2). */
  readonly eceLevel2: number;
  /** Level-1 top score against accuracy, by confidence bin. */
  readonly reliabilityLevel1: readonly ReliabilityBin[];
  /** Share of the examples the classifier flags `uncertain`. */
  readonly uncertainShare: number;
  /** Level-1 top-1 accuracy on the examples flagged `uncertain`, and on the others. */
  readonly top1Level1Uncertain: number;
  readonly top1Level1Sure: number;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function evaluate(
  model: Model,
  examples: readonly LabelledExample[],
  parse: (text: string) => ParsedNotice = parseNotice,
): Evaluation {
  let top1L1 = 0;
  let top3L1 = 0;
  let top1L2 = 0;
  let top3L2 = 0;
  let n = 0;
  let n2 = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const support = new Map<string, number>();
  const confused = new Map<string, number>();
  const cal1: { confidence: number; correct: boolean }[] = [];
  const cal2: { confidence: number; correct: boolean }[] = [];
  const flagged = { n: 0, hits: 0 };
  const sure = { n: 0, hits: 0 };
  const inc = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const e of examples) {
    const parsed = e.parsed ?? (e.text === undefined ? null : parse(e.text));
    if (!parsed) continue;
    n++;
    const probs = probabilities(model, featurise(parsed, model.settings, model.compiled));
    const l1 = [...level1Scores(model, probs).entries()].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    const gold1 = e.path.label1;
    const pred1 = l1[0]?.[0] ?? '';
    const rank1 = l1.findIndex(([l]) => l === gold1);
    if (rank1 === 0) top1L1++;
    if (rank1 >= 0 && rank1 < 3) top3L1++;
    cal1.push({ confidence: l1[0]?.[1] ?? 0, correct: rank1 === 0 });
    const bucket = isUncertain(model, probs) ? flagged : sure;
    bucket.n++;
    if (rank1 === 0) bucket.hits++;
    inc(support, gold1);
    if (pred1 === gold1) inc(tp, gold1);
    else {
      inc(fp, pred1);
      inc(fn, gold1);
      inc(confused, `${gold1}\u0000${pred1}`);
    }
    const isLeaf = model.labels.some((p) => topicKey(p) === topicKey(e.path));
    if (e.path.label2 !== null && isLeaf) {
      n2++;
      const key = topicKey(e.path);
      const order = [...probs.keys()].sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0) || a - b);
      const rank2 = order.findIndex(
        (i) => topicKey(model.labels[i] ?? { label1: '', label2: null }) === key,
      );
      if (rank2 === 0) top1L2++;
      if (rank2 >= 0 && rank2 < 3) top3L2++;
      cal2.push({ confidence: probs[order[0] ?? 0] ?? 0, correct: rank2 === 0 });
    }
  }
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
    reliabilityLevel1: reliability(cal1),
    uncertainShare: ratio(flagged.n, n),
    top1Level1Uncertain: ratio(flagged.hits, flagged.n),
    top1Level1Sure: ratio(sure.hits, sure.n),
  };
}

export interface FoldResult {
  readonly fold: number;
  readonly trainIndices: readonly number[];
  readonly testIndices: readonly number[];
  readonly evaluation: Evaluation;
}

/** Deterministic fold assignment: a seeded shuffle dealt round-robin. */
export function foldsOf(count: number, k: number, seed = 11): number[][] {
  const order = Array.from({ length: count }, (_, i) => i);
  const random = prng(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  order.forEach((idx, i) => folds[i % k]?.push(idx));
  return folds;
}

/**
 * k-fold cross-validation: each fold is predicted by a model made from the other folds only.
 * `makeModel` receives the training fold (and the fold number); the figures are per fold and pooled.
 */
export function crossValidate(
  examples: readonly LabelledExample[],
  k: number,
  makeModel: (train: readonly LabelledExample[], fold: number) => Model,
  parse: (text: string) => ParsedNotice = parseNotice,
): { folds: FoldResult[]; overall: Evaluation } {
  const folds = foldsOf(examples.length, k);
  const results: FoldResult[] = folds.map((testIndices, fold) => {
    const test = new Set(testIndices);
    const trainIndices = examples.flatMap((_, i) => (test.has(i) ? [] : [i]));
    const model = makeModel(
      trainIndices.map((i) => examples[i]).filter((e): e is LabelledExample => e !== undefined),
      fold,
    );
    const evaluation = evaluate(
      model,
      testIndices.map((i) => examples[i]).filter((e): e is LabelledExample => e !== undefined),
      parse,
    );
    return { fold, trainIndices, testIndices, evaluation };
  });
  const total = results.reduce((s, r) => s + r.evaluation.n, 0);
  const total2 = results.reduce((s, r) => s + r.evaluation.n2, 0);
  const pool = (key: 'top1Level1' | 'top3Level1' | 'macroF1Level1' | 'eceLevel1'): number =>
    ratio(
      results.reduce((s, r) => s + r.evaluation[key] * r.evaluation.n, 0),
      total,
    );
  const pool2 = (key: 'top1Level2' | 'top3Level2' | 'eceLevel2'): number =>
    ratio(
      results.reduce((s, r) => s + r.evaluation[key] * r.evaluation.n2, 0),
      total2,
    );
  const flaggedOf = (r: FoldResult): number => r.evaluation.uncertainShare * r.evaluation.n;
  const flaggedN = results.reduce((s, r) => s + flaggedOf(r), 0);
  const first = results[0]?.evaluation;
  return {
    folds: results,
    overall: {
      n: total,
      n2: total2,
      top1Level1: pool('top1Level1'),
      top3Level1: pool('top3Level1'),
      top1Level2: pool2('top1Level2'),
      top3Level2: pool2('top3Level2'),
      macroF1Level1: pool('macroF1Level1'),
      perClass: first?.perClass ?? [],
      confused: first?.confused ?? [],
      eceLevel1: pool('eceLevel1'),
      eceLevel2: pool2('eceLevel2'),
      reliabilityLevel1: first?.reliabilityLevel1 ?? [],
      uncertainShare: ratio(flaggedN, total),
      top1Level1Uncertain: ratio(
        results.reduce((s, r) => s + r.evaluation.top1Level1Uncertain * flaggedOf(r), 0),
        flaggedN,
      ),
      top1Level1Sure: ratio(
        results.reduce(
          (s, r) => s + r.evaluation.top1Level1Sure * (r.evaluation.n - flaggedOf(r)),
          0,
        ),
        total - flaggedN,
      ),
    },
  };
}
