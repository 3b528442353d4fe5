/**
 * Classifier figures: model file size (raw, gzipped), load (parse + validate), one suggestion on
 * the sample notice (mean of 100), one incremental update, training the shipped model, and training
 * on 1,000 and 5,000 synthetic notices on top of it. Run alone with `npx tsx scripts/bench/classifier.ts`, or through `npm run bench`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  classifyNotice,
  parseModel,
  trainModel,
  updateModel,
  type LabelledExample,
} from '../../src/domain/classifier/index';
import { featurise } from '../../src/domain/classifier/featurise';
import {
  calibratedProbabilities,
  logits,
  referenceLogits,
} from '../../src/domain/classifier/score';
import { prng } from '../../src/domain/classifier/train';
import { taxonomyLeaves } from '../../src/domain/taxonomy/taxonomy';
import { parseNotice as parse } from '../../src/domain/notice/index';
import { loadPrior, repoRoot, sharedDir, shippedModelDir } from '../classifier/io';

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The issue 13 target this figure answers (a key of `npm run bench -- --json`). */
  readonly key?: string;
  /** The same figure measured in this run on the previous version, for the ratio. */
  readonly before?: number;
}

function sampleText(): { text: string; name: string } {
  const shared = path.join(sharedDir, 'samples/chongming-2020-minzheng.txt');
  const fixture = path.join(repoRoot, 'src/domain/notice/fixtures/shanghai-format-notice.txt');
  const file = existsSync(shared) ? shared : fixture;
  if (!existsSync(file))
    return { text: '2020年民政工作要点\n一、推进社会救助\n做好低保和养老服务。', name: 'inline' };
  return { text: readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), name: path.basename(file) };
}

/** Queue-only scoring, as the desk does on import: the top 3, no evidence. */
const QUEUE_ONLY = { k: 3, evidenceTerms: 0, evidenceSections: 0 } as const;

/** Notices of ~1,500 characters: a title and sentences drawn from the prior's terms of one leaf. */
export function syntheticNotices(count: number): LabelledExample[] {
  const prior = loadPrior();
  const random = prng(5);
  const leaves = taxonomyLeaves();
  const terms = new Map(prior.terms.map((e) => [e.path, e.terms]));
  return Array.from({ length: count }, (_, i) => {
    const path = leaves[i % leaves.length] ?? { label1: '其他', label2: null };
    const own = terms.get(
      path.label2 === null ? path.label1 : `${path.label1}\\${path.label2}`,
    ) ?? ['工作'];
    const pick = (): string => own[Math.floor(random() * own.length)] ?? '';
    let text = `关于做好${pick()}工作的通知\n`;
    while (text.length < 1500) text += `各单位要进一步加强${pick()}和${pick()}，认真落实有关要求。`;
    return { text, path };
  });
}

function time(fn: () => void, runs = 1): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

export async function benchClassifier(): Promise<Figure[]> {
  const file = path.join(shippedModelDir, 'model.json');
  const raw = readFileSync(file);
  const figures: Figure[] = [
    { name: 'model.json size', value: raw.length / 1024 / 1024, unit: 'MB' },
    { name: 'model.json gzipped', value: gzipSync(raw).length / 1024 / 1024, unit: 'MB' },
  ];
  const text = raw.toString('utf8');
  let model = parseModel(JSON.parse(text) as unknown);
  figures.push({
    name: 'model load (JSON.parse + parseModel)',
    value: time(() => (model = parseModel(JSON.parse(text) as unknown)), 5),
    unit: 'ms',
  });
  const sample = sampleText();
  const parsed = parse(sample.text);
  classifyNotice(model, parsed);
  classifyNotice(model, parsed, QUEUE_ONLY);
  // The queue score with the previous version's scorer: the same pipeline, its dot product swapped
  // for the plain reference (featurise and calibration as they are).
  const values = featurise(parsed, model.settings, model.compiled).values;
  const labelCount = model.labels.length;
  const scoreWith = (scorer: typeof logits) => () =>
    calibratedProbabilities(scorer(model.weights, values, labelCount), model.calibration);
  scoreWith(logits)();
  scoreWith(referenceLogits)();
  const fastCore = time(scoreWith(logits), 1000);
  const plainCore = time(scoreWith(referenceLogits), 1000);
  const queueScore = time(() => classifyNotice(model, parsed, QUEUE_ONLY), 1000);
  figures.push({
    name: `queue-only score on ${sample.name} (parsed, top 3, no evidence, mean of 1,000)`,
    value: queueScore,
    unit: 'ms',
    key: 'score_ms',
    before: queueScore - fastCore + plainCore,
  });
  figures.push({
    name: 'of which dot product + calibration: typed-array scorer vs reference scorer (mean of 1,000)',
    value: fastCore,
    unit: 'ms',
    before: plainCore,
  });
  figures.push({
    name: `suggestion with evidence on ${sample.name} (parsed, mean of 100)`,
    value: time(() => classifyNotice(model, parsed), 100),
    unit: 'ms',
    key: 'suggest_ms',
  });
  figures.push({
    name: `parse + suggestion on ${sample.name} (mean of 100)`,
    value: time(() => classifyNotice(model, parse(sample.text)), 100),
    unit: 'ms',
  });
  const path1 = { label1: '民政、扶贫、救灾', label2: '社会福利' };
  figures.push({
    name: 'incremental update on the sample (mean of 20)',
    value: time(() => updateModel(model, { parsed, path: path1 }), 20),
    unit: 'ms',
  });
  const prior = loadPrior();
  figures.push({
    name: 'train the shipped model from the prior (npm run train, with cross-fitted temperature)',
    value: time(() => trainModel([], { prior, parse })) / 1000,
    unit: 's',
  });
  for (const n of [1000, 5000]) {
    const data = syntheticNotices(n);
    figures.push({
      name: `train on ${n} synthetic notices (~1,500 chars) on top of the shipped model, as the desk does`,
      value: time(() => trainModel(data, { base: model, prior, parse })) / 1000,
      unit: 's',
      ...(n === 5000 ? { key: 'train5k_node_s' } : {}),
    });
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await benchClassifier())
    console.log(`${f.name}: ${f.value.toFixed(3)} ${f.unit}`);
}
