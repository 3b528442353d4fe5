/**
 * `npm run eval [-- --write]`
 * Accuracy and calibration on every REAL labelled source at hand (../shared: the sample notices,
 * gov.cn paragraphs grouped by document, the Hebei titles), the shipped recipe measured by 5-fold
 * cross-validation by document beside two baselines (a plain lookup of the prior's terms; the
 * previous release), the Hebei local-learning scenario, and apart from all of them the development
 * set of notices the team composed. With --write, eval/RESULTS.md and the README's accuracy section
 * are rewritten from this run.
 *
 * `npm run eval -- --data <file.jsonl> [--model <dir>] [--cv k]`
 * Figures of a model on any labelled file; with --cv, a local model trained on top of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import path from 'node:path';
import {
  crossValidate,
  evaluate,
  figures,
  predict,
  trainModel,
  type Evaluation,
  type Model,
  type Prediction,
} from '../src/domain/classifier/index';
import { groupFolds } from '../src/domain/classifier/train';
import { disputes } from '../src/domain/learning/audit';
import { parseNotice } from '../src/domain/notice/index';
import { topicKey } from '../src/domain/taxonomy/taxonomy';
import type { ParsedNotice } from '../src/domain/notice/types';
import {
  loadModel,
  loadPrior,
  pct,
  readLabelledFile,
  repoRoot,
  shippedModelDir,
} from './classifier/io';
import { shippedExamples, trainShipped } from './classifier/recipe';
import {
  lookupBaseline,
  previousRelease,
  PREVIOUS_RELEASE,
  type EvalNotice,
  type Predictor,
} from './eval/baselines';
import { realSources, type EvalExample } from './eval/sources';
import { compareCalibrationMethods, type FoldScore } from './eval/calibration-methods';

const FOLDS = 5;

interface Scored {
  readonly example: EvalExample;
  readonly source: string;
  readonly prediction: Prediction;
  readonly levels?: 1 | 2;
}

interface Row {
  readonly model: string;
  readonly source: string;
  /** 1 when the source's labels are level 1 only: full-path figures do not apply. */
  readonly levels: 1 | 2;
  readonly e: Evaluation;
  /** Catalogue labels the audit would flag: every label here is the publisher's own. */
  readonly flagged: number;
}

function rowOf(model: string, source: string, scored: readonly Scored[]): Row {
  const pairs = scored.map((s) => ({
    prediction: s.prediction,
    gold: s.example.path,
    levels: s.levels ?? 2,
  }));
  const flagged = scored.filter((s) => {
    const top = s.prediction.top[0];
    const score1 = s.prediction.level1.find((l) => l.label1 === top?.path.label1)?.score;
    return (
      top !== undefined &&
      disputes(s.example.path, { path: top.path, score: top.score, score1 }) !== null
    );
  }).length;
  return { model, source, levels: scored[0]?.levels ?? 2, e: figures(pairs), flagged };
}

function tally(right: number, n: number): string {
  return n === 0 ? '—' : `${pct(right / n)} (${right}/${n})`;
}

function cells(r: Row): string[] {
  const e = r.e;
  const l2 = e.n2 > 0 && r.levels === 2;
  return [
    r.model,
    `${pct(e.top1Level1)} / ${pct(e.top3Level1)}`,
    l2 ? `${pct(e.top1Level2)} / ${pct(e.top3Level2)}` : '—',
    l2 ? tally(e.highConfidence.right, e.highConfidence.n) : '—',
    l2 ? `${pct(e.sureShare)}; ${tally(e.sure.right, e.sure.n)}` : `${pct(e.sureShare)}`,
    l2 ? e.eceLevel2.toFixed(3) : `${e.eceLevel1.toFixed(3)}¹`,
    tally(r.flagged, e.n).replace(/ \(.*/, '') + ` (${r.flagged})`,
  ];
}

const HEAD = [
  '模型 model',
  '一级 top-1 / top-3',
  '二级 top-1 / top-3',
  '≥ 0.9 分的建议全路径正确',
  '未标“不确定”：占比；全路径正确',
  'ECE（全路径，10 档）',
  '审核误报率',
];

function markdownTable(rows: readonly Row[]): string {
  const lines = [
    `| ${HEAD.join(' | ')} |`,
    `| ${HEAD.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).join(' | ')} |`),
  ];
  return lines.join('\n');
}

function printTable(title: string, rows: readonly Row[]): void {
  console.log(`\n== ${title}`);
  const all = [HEAD, ...rows.map(cells)];
  const width = HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const r of all) console.log(r.map((c, i) => c.padEnd(width[i] ?? 0)).join('  '));
}

function notice(e: EvalExample): EvalNotice {
  return { text: e.text, parsed: e.parsed ?? parseNotice(e.text) };
}

async function realReport(): Promise<string[]> {
  const sources = realSources();
  const out: string[] = [];
  if (sources.length === 0) {
    console.log('未找到 ../shared：没有真实标注数据可评测（只报告自编开发集）');
    return out;
  }
  const prior = loadPrior();
  const all = sources.flatMap((s) =>
    s.examples.map((e) => {
      const parsed: ParsedNotice = parseNotice(e.text);
      return { example: { ...e, parsed }, parsed, source: s.name, levels: s.levels };
    }),
  );
  const trainable = new Set(shippedExamples(sources).map((e) => e.id));
  const foldOf = groupFolds(
    all.map((a) => a.example),
    FOLDS,
    101,
  );
  const started = Date.now();
  const shipped: Scored[] = [];
  const foldModels: Model[] = [];
  // Notices without a title, scored with their temperatures alone: what the top-score map acts on.
  const titleless: FoldScore[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const train = all.filter((a, i) => foldOf[i] !== k && trainable.has(a.example.id));
    const model = trainShipped(
      train.map((a) => a.example),
      prior,
    );
    foldModels.push(model);
    const temperaturesOnly: Model = {
      ...model,
      calibration: { ...model.calibration, titlelessTopScore: undefined },
    };
    all.forEach((a, i) => {
      if (foldOf[i] !== k) return;
      shipped.push({ ...a, prediction: predict(model, a.parsed) });
      if (a.parsed.title === null && a.levels === 2) {
        const top = predict(temperaturesOnly, a.parsed).top[0];
        titleless.push({
          fold: k,
          confidence: top?.score ?? 0,
          correct: top !== undefined && topicKey(top.path) === topicKey(a.example.path),
        });
      }
    });
    console.error(
      `第 ${k + 1}/${FOLDS} 折训练完成（${((Date.now() - started) / 1000).toFixed(0)} 秒）`,
    );
  }
  const predictors: { name: string; predictor: Predictor }[] = [
    { name: '先验词表查找 lookup', predictor: lookupBaseline(prior) },
  ];
  const previous = await previousRelease();
  if ('predictor' in previous) {
    predictors.push({ name: `上一版 ${PREVIOUS_RELEASE.name}`, predictor: previous.predictor });
  } else {
    console.log(`上一版基线跳过：${previous.reason}`);
  }
  const baselines = predictors.map((p) => ({
    name: p.name,
    scored: all.map((a) => ({ ...a, prediction: p.predictor(notice(a.example)) })),
  }));
  if ('cleanup' in previous) previous.cleanup();

  for (const s of sources) {
    const rows = [
      rowOf(
        '本版 this release（交叉验证）',
        s.name,
        shipped.filter((x) => x.source === s.name),
      ),
      ...baselines.map((b) =>
        rowOf(
          b.name,
          s.name,
          b.scored.filter((x) => x.source === s.name),
        ),
      ),
    ];
    const title = `${s.name}：${s.about}（${s.examples.length} 条，${new Set(s.examples.map((e) => e.group)).size} 篇文档）`;
    printTable(title, rows);
    out.push(`### ${title}\n\n${markdownTable(rows)}`);
  }

  if (titleless.length > 0) {
    const errors = compareCalibrationMethods(titleless);
    const title = `无标题公文的分数校准方法（${titleless.length} 条真实段落，全路径首选分数的 ECE，10 档；映射在其他折上拟合）`;
    const rows = [
      ['只用温度 temperatures only', errors.temperature],
      ['温度 + Platt（随附模型的做法）', errors.platt],
      ['温度 + 保序回归 isotonic', errors.isotonic],
    ] as const;
    console.log(`\n== ${title}`);
    for (const [name, ece] of rows) console.log(`${name.padEnd(28)}  ${ece.toFixed(3)}`);
    out.push(
      `### ${title}\n\n| 方法 method | ECE |\n| --- | ---: |\n${rows.map(([name, ece]) => `| ${name} | ${ece.toFixed(3)} |`).join('\n')}`,
    );
  }

  // The Hebei office: a local model learnt from its own titles on top of each fold's shipped model
  // (which never saw that fold), scored on the fold; both figures on the same notices.
  const hebei = all
    .map((a, i) => ({ ...a, fold: foldOf[i] ?? 0 }))
    .filter((a) => a.source === 'hebei-titles');
  if (hebei.length > 0) {
    const before: Scored[] = [];
    const after: Scored[] = [];
    for (let k = 0; k < FOLDS; k++) {
      const base = foldModels[k];
      if (!base) continue;
      const local = trainModel(
        hebei.filter((a) => a.fold !== k).map((a) => a.example),
        { base, prior },
      );
      for (const a of hebei.filter((x) => x.fold === k)) {
        before.push({ ...a, prediction: predict(base, a.parsed) });
        after.push({ ...a, prediction: predict(local, a.parsed) });
      }
    }
    const rows = [
      rowOf('随附模型 shipped', 'hebei', before),
      rowOf('本地模型 local（学河北标题）', 'hebei', after),
    ];
    const title = '河北场景：在随附模型之上学习河北自己的标题（含其“其他”习惯），5 折交叉验证';
    printTable(title, rows);
    out.push(`### ${title}\n\n${markdownTable(rows)}`);
  }
  console.error(`真实数据评测用时 ${((Date.now() - started) / 1000).toFixed(0)} 秒`);
  return out;
}

/** The team's composed notices: written from the same knowledge as the prior, so they flatter it. */
function composedReport(): string {
  const file = path.join(repoRoot, 'eval/composed/notices.jsonl');
  const { examples } = readLabelledFile(file, 'composed');
  const prior = loadPrior();
  const model = loadModel();
  const lookup = lookupBaseline(prior);
  const scored = examples.map((e) => {
    const parsed = parseNotice(e.text);
    return { example: { ...e, group: e.id, parsed }, parsed };
  });
  const rows = [
    rowOf(
      '随附模型 shipped',
      'composed',
      scored.map((s) => ({ ...s, source: 'composed', prediction: predict(model, s.parsed) })),
    ),
    rowOf(
      '先验词表查找 lookup',
      'composed',
      scored.map((s) => ({
        ...s,
        source: 'composed',
        prediction: lookup({ text: s.example.text, parsed: s.parsed }),
      })),
    ),
  ];
  const title = `自编开发集（${examples.length} 篇，团队依据同一先验知识编写：只作开发参考，数字偏高）`;
  printTable(title, rows);
  return `### ${title}\n\n${markdownTable(rows)}`;
}

const START = '<!-- eval:start (npm run eval -- --write) -->';
const END = '<!-- eval:end -->';

// Written through Prettier so that `npm test`'s format check passes on what this command writes.
async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

async function writeResults(sections: readonly string[]): Promise<void> {
  const when = new Date().toISOString().slice(0, 10);
  const body = [
    `由 \`npm run eval -- --write\` 于 ${when} 生成。真实来源的“本版”数字是 5 折交叉验证（按文档分组，折内另做校准）：每条都由没见过它所在文档的模型打分。`,
    '¹ 该来源只有一级标签：ECE 为一级分数的校准误差；全路径指标不适用。审核误报率：真实标注都是发布方自己的标签，审核若提出异议即记为误报。',
    ...sections,
  ].join('\n\n');
  await writeFormatted(
    path.join(repoRoot, 'eval/RESULTS.md'),
    `# 评测结果 · Evaluation results\n\n${body}\n`,
  );
  const readmePath = path.join(repoRoot, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) {
    console.error('README.md 中没有评测段落的标记，只写了 eval/RESULTS.md');
    return;
  }
  await writeFormatted(
    readmePath,
    `${readme.slice(0, a + START.length)}\n\n${body}\n\n${readme.slice(b)}`,
  );
  console.log('已更新 eval/RESULTS.md 和 README.md 的准确率段落');
}

function report(title: string, e: Evaluation): void {
  console.log(`\n== ${title}（${e.n} 条，其中 ${e.n2} 条有全路径标签）`);
  console.log(
    `一级 top-1 ${pct(e.top1Level1)}  top-3 ${pct(e.top3Level1)}  宏 F1 ${pct(e.macroF1Level1)}  ECE ${e.eceLevel1.toFixed(3)}`,
  );
  console.log(
    `二级 top-1 ${pct(e.top1Level2)}  top-3 ${pct(e.top3Level2)}  ECE ${e.eceLevel2.toFixed(3)}`,
  );
  console.log(
    `≥0.9 分 ${tally(e.highConfidence.right, e.highConfidence.n)}；未标“不确定” ${pct(e.sureShare)}，全路径正确 ${tally(e.sure.right, e.sure.n)}`,
  );
  for (const c of e.confused) console.log(`  ${c.gold} → ${c.predicted}：${c.count}`);
}

async function fileReport(argv: readonly string[]): Promise<void> {
  const data: string[] = [];
  let modelDir = shippedModelDir;
  let cv = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') {
      while (argv[i + 1] !== undefined && !(argv[i + 1] ?? '').startsWith('--'))
        data.push(argv[++i] ?? '');
    } else if (a === '--model') modelDir = argv[++i] ?? modelDir;
    else if (a === '--cv') cv = Number(argv[++i] ?? '5');
    else throw new Error(`未知参数：${a ?? ''}`);
  }
  const model = loadModel(modelDir);
  const examples = data.flatMap((f) => {
    const r = readLabelledFile(f, path.basename(f, '.jsonl'));
    for (const e of r.errors) console.error(`无法使用：${e}`);
    return r.examples;
  });
  if (cv < 2) {
    report(`${model.meta.generator} 在 ${data.join('、')} 上`, evaluate(model, examples));
    return;
  }
  const prior = loadPrior();
  const local = crossValidate(examples, cv, (train) => trainModel(train, { base: model, prior }));
  const shipped = crossValidate(examples, cv, () => model);
  report(`${cv} 折交叉验证：随附模型`, shipped.overall);
  report(`${cv} 折交叉验证：在随附模型之上学习的本地模型`, local.overall);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--data')) {
    await fileReport(argv);
    return;
  }
  const write = argv.includes('--write');
  const unknown = argv.filter((a) => a !== '--write');
  if (unknown.length > 0) throw new Error(`未知参数：${unknown.join(' ')}`);
  const sections = [...(await realReport()), composedReport()];
  if (write) await writeResults(sections);
}

await main();
