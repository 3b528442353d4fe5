/**
 * Scores that mean what they say: calibration fitted on held-out labelled notices lowers the
 * calibration error on other held-out notices, and no score, of any model, ever reaches 100%.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TAXONOMY, taxonomyLeaves, topicKey } from '../taxonomy/taxonomy';
import { parseNotice } from '../notice';
import {
  DEFAULT_CALIBRATION,
  expectedCalibrationError,
  fitCalibration,
  negativeLogLikelihood,
  topScoreLogLoss,
  type CalibrationRow,
} from './calibrate';
import { featurise } from './featurise';
import { classifyNotice, readLabelledJsonl, readPrior, trainModel } from './index';
import { MIN_FLOOR } from './model';
import { prng } from './optimise';
import {
  calibratedProbabilities,
  calibrationFor,
  firedConventions,
  logits,
  topLeaf,
} from './score';
import { groupFolds, leavesOf } from './train';
import { makeNotice, TINY_PRIOR } from './test-support/fixtures';

const LEAVES = taxonomyLeaves(TAXONOMY);
const N = LEAVES.length;
const indexOf = (key: string): number => LEAVES.findIndex((p) => topicKey(p) === key);

function ece(rows: readonly CalibrationRow[], calibration = DEFAULT_CALIBRATION): number {
  return expectedCalibrationError(
    rows.map((r) => {
      const p = calibratedProbabilities(
        r.logits,
        calibration,
        r.conventions.map((c) => c.override),
      );
      const best = topLeaf(p);
      return { confidence: p[best] ?? 0, correct: r.targets.includes(best) };
    }),
  );
}

describe('fitCalibration', () => {
  it('cools an over-confident model: lower calibration error on rows it was not fitted on', () => {
    const fitted = fitCalibration(
      rowsOf(1, 300, 0.6, true, () => 9),
      { fittedOn: 'test', sources: [] },
    );
    const held = rowsOf(2, 300, 0.6, true, () => 9);
    expect(ece(held, fitted)).toBeLessThan(ece(held) / 2);
    expect(fitted.floor).toBeGreaterThanOrEqual(MIN_FLOOR);
  });

  it('gives a class its 其他 share when the catalogue files part of it there whatever the words say', () => {
    const random = prng(3);
    const named = indexOf('财政、金融、审计\\银行');
    const other = indexOf('财政、金融、审计\\其他');
    // The words always say 银行; the catalogue says 其他 three times in ten.
    const rows: CalibrationRow[] = Array.from({ length: 200 }, () => {
      const z = Array.from({ length: N }, () => random());
      z[named] = 6;
      return { logits: z, targets: [random() < 0.3 ? other : named], conventions: [], whole: true };
    });
    const fitted = fitCalibration(rows, { fittedOn: 'test', sources: [] });
    expect(fitted.otherShare.get('财政、金融、审计') ?? 0).toBeGreaterThan(0.2);
    expect(fitted.otherShare.get('财政、金融、审计') ?? 1).toBeLessThan(0.4);
    const without = { ...fitted, otherShare: new Map<string, number>() };
    expect(negativeLogLikelihood(rows, fitted)).toBeLessThan(negativeLogLikelihood(rows, without));
  });
});

describe('calibratedProbabilities', () => {
  it('is the plain softmax of z / T when both temperatures are equal and no share is set', () => {
    const z = LEAVES.map((_, i) => Math.sin(i) * 3);
    const t = 1.7;
    const p = calibratedProbabilities(z, {
      temperature: t,
      temperature2: t,
      floor: 0,
      otherShare: new Map(),
    });
    const e = z.map((v) => Math.exp(v / t));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, i) => expect(p[i]).toBeCloseTo(v / sum, 12));
  });

  it('never reaches 100%, whatever the logits and the conventions that fired', () => {
    const z = new Array<number>(N).fill(0);
    z[indexOf('国务院组织机构\\国务院议事协调机构')] = 1e6;
    const p = calibratedProbabilities(z, { ...DEFAULT_CALIBRATION, floor: MIN_FLOOR }, [
      { target: '国务院组织机构\\国务院议事协调机构', share: 0.6 },
      { target: 'area-other', share: 0.7 },
    ]);
    const max = Math.max(...p);
    expect(max).toBeLessThanOrEqual(1 - MIN_FLOOR + MIN_FLOOR / N + 1e-12);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('keeps the order of the leaves and the floor when the top score is mapped', () => {
    const random = prng(12);
    const z = Array.from({ length: N }, () => 4 * random());
    const plain = calibratedProbabilities(z, DEFAULT_CALIBRATION);
    const order = (p: ArrayLike<number>): number[] =>
      Array.from(p, (_, i) => i).sort((a, b) => (p[b] ?? 0) - (p[a] ?? 0));
    for (const topScore of [
      { slope: 0.5, intercept: -1 },
      { slope: 3, intercept: 20 },
    ]) {
      const p = calibratedProbabilities(z, { ...DEFAULT_CALIBRATION, topScore });
      expect(order(p)).toEqual(order(plain));
      const floor = DEFAULT_CALIBRATION.floor;
      expect(Math.max(...p)).toBeLessThanOrEqual(1 - floor + floor / N + 1e-9);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });
});

describe('the Platt map of a notice without a title', () => {
  // Titleless rows right 60% of the time whatever their margin (2 to 9 logits): no temperature
  // makes both a narrow and a wide margin mean 60%.
  const flat = (seed: number, n: number): CalibrationRow[] => {
    const random = prng(seed + 1000);
    return rowsOf(seed, n, 0.6, false, () => 2 + 7 * random());
  };

  it('is fitted on such notices and lowers the calibration error on others', () => {
    const fitted = fitCalibration([...rowsOf(21, 300, 0.9, true), ...flat(22, 400)], {
      fittedOn: 'test',
      sources: [],
    });
    expect(fitted.titlelessTopScore).toBeDefined();
    const withMap = calibrationFor(fitted, false);
    const temperaturesOnly = (({ topScore: _map, ...rest }: typeof withMap) => rest)(withMap);
    const held = flat(23, 400);
    const error = (c: typeof withMap): number =>
      expectedCalibrationError(
        held.map((r) => {
          const p = calibratedProbabilities(r.logits, c);
          const top = p.indexOf(Math.max(...p));
          return { confidence: p[top] ?? 0, correct: r.targets.includes(top) };
        }),
      );
    expect(error(withMap)).toBeLessThan(error(temperaturesOnly) / 2);
    // A titled notice keeps its temperatures alone.
    expect(calibrationFor(fitted, true)).not.toHaveProperty('topScore');
  });
});

describe('a locally trained model', () => {
  const examples = Array.from({ length: 60 }, (_, i) => ({
    text: `关于加强第${i}批职业教育学校和教师队伍建设的通知\n各学校：\n推进职业教育，培养学生。`,
    path: { label1: '科技、教育', label2: '教育' },
  }));
  const base = trainModel([], { prior: TINY_PRIOR });
  const local = trainModel(examples, { base, prior: TINY_PRIOR });

  it('never scores a suggestion 1.0, even on the notices it was trained on', () => {
    for (const e of examples.slice(0, 5)) {
      const top = classifyNotice(local, parseNotice(e.text)).top[0];
      expect(top?.path).toBe('科技、教育\\教育');
      expect(top?.score ?? 1).toBeLessThan(1 - MIN_FLOOR / 2);
    }
    expect(local.calibration.floor).toBeGreaterThanOrEqual(MIN_FLOOR);
  });

  it('still knows what it knew: a welfare notice stays 民政 after 60 notices of education', () => {
    const welfare = makeNotice({
      title: '关于进一步做好养老服务和社会福利工作的通知',
      body: '推进养老服务，完善儿童福利和残疾人福利。',
      issuer: '某区民政局',
    });
    expect(classifyNotice(local, welfare).top[0]?.path).toBe('民政、扶贫、救灾\\社会福利');
  });
});

const paragraphs = fileURLToPath(
  new URL('../../../../shared/data/govcn-paragraphs.jsonl', import.meta.url),
);
const terms = fileURLToPath(new URL('./prior/terms.json', import.meta.url));
const issuers = fileURLToPath(new URL('./prior/issuers.json', import.meta.url));
const rules = fileURLToPath(new URL('./prior/rules.json', import.meta.url));

describe('calibration on real labels', () => {
  const present = existsSync(paragraphs);
  if (!present)
    console.log(
      '跳过：没有 ../shared/data/govcn-paragraphs.jsonl（真实标注数据只在 ../shared 中）',
    );

  it.skipIf(!present)(
    'fitted on four fifths of the gov.cn paragraphs (by document), lowers the calibration error on the fifth',
    () => {
      const read = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8')) as unknown;
      const prior = readPrior({ terms: read(terms), issuers: read(issuers), rules: read(rules) });
      const model = trainModel([], { prior });
      const raw = readFileSync(paragraphs, 'utf8');
      const urls = raw
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { url?: string }).url ?? '');
      const { examples } = readLabelledJsonl(raw);
      const grouped = examples.map((e, i) => ({ ...e, group: urls[i] ?? e.id }));
      const folds = groupFolds(grouped, 5, 5);
      const rows = grouped.map((e): CalibrationRow => {
        const f = featurise(parseNotice(e.text), model.settings, model.compiled);
        return {
          logits: logits(model.weights, f.values, N),
          targets: leavesOf(e.path),
          conventions: firedConventions(model, f),
          whole: false,
        };
      });
      const fitted = fitCalibration(
        rows.filter((_, i) => folds[i] !== 0),
        { fittedOn: 'test', sources: [] },
      );
      const held = rows.filter((_, i) => folds[i] === 0);
      expect(ece(held, fitted)).toBeLessThan(ece(held, model.calibration));
    },
  );
});

/**
 * Rows of a model that is right `share` of the time, its winner ahead by `margin()` logits (6
 * unless said): a fixed wide margin at 60% is an over-confident model.
 */
function rowsOf(
  seed: number,
  n: number,
  share: number,
  titled: boolean,
  margin: () => number = () => 6,
): CalibrationRow[] {
  const random = prng(seed);
  return Array.from({ length: n }, () => {
    const target = Math.floor(random() * N);
    const winner = random() < share ? target : (target + 1 + Math.floor(random() * (N - 1))) % N;
    const z = Array.from({ length: N }, () => random());
    z[winner] = margin();
    return { logits: z, targets: [target], conventions: [], whole: titled, titled };
  });
}

describe('fitCalibration on titled notices and paragraphs', () => {
  it('gives paragraphs their own temperatures when they are less often right at the same logits', () => {
    const fitOn = [...rowsOf(3, 300, 0.95, true), ...rowsOf(4, 300, 0.5, false)];
    const fitted = fitCalibration(fitOn, { fittedOn: 'test', sources: [] });
    const common = fitCalibration(
      fitOn.map(({ titled: _titled, ...r }) => r),
      { fittedOn: 'test', sources: [] },
    );
    expect(common.titlelessTemperature).toBeUndefined();
    const paragraphs = rowsOf(5, 300, 0.5, false);
    const titled = rowsOf(6, 300, 0.95, true);
    const asParagraph = calibrationFor(fitted, false);
    expect(ece(paragraphs, { ...fitted, ...asParagraph })).toBeLessThan(ece(paragraphs, common));
    expect(ece(titled, fitted)).toBeLessThan(ece(titled, common));
  });
});

describe('the top score of a paragraph', () => {
  it('says how often the top suggestion is right, on paragraphs it was not fitted on', () => {
    const fitOn = [...rowsOf(7, 300, 0.95, true), ...rowsOf(8, 300, 0.5, false)];
    const fitted = calibrationFor(fitCalibration(fitOn, { fittedOn: 'test', sources: [] }), false);
    const held = rowsOf(9, 300, 0.5, false);
    const tops = held.map((r) => Math.max(...calibratedProbabilities(r.logits, fitted)));
    const mean = tops.reduce((a, b) => a + b, 0) / tops.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(topScoreLogLoss(held, fitted)).toBeLessThan(
      topScoreLogLoss(held, { ...fitted, temperature: 0.5, temperature2: 0.5 }),
    );
  });
});
