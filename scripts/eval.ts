/**
 * `npm run eval -- --data <file.jsonl> [--model <dir>] [--cv k]`
 * Accuracy (top-1/top-3, both levels), macro-F1, per-class table, confused pairs and ECE of a model
 * on labelled notices. With --cv k: a local model trained on each training fold ON TOP of the
 * shipped model, side by side with the shipped model on the same test folds, and the local model's
 * accuracy on the prior's pseudo-notices to show it did not forget the taxonomy.
 */
import path from 'node:path';
import {
  crossValidate,
  evaluate,
  pseudoExamples,
  trainModel,
  type Evaluation,
  type LabelledExample,
  type Model,
} from '../src/domain/classifier/index';
import { parseNotice as parse } from '../src/domain/notice/index';
import { loadModel, loadPrior, pct, readLabelledFile, shippedModelDir } from './classifier/io';

function report(title: string, e: Evaluation): void {
  console.log(`\n== ${title}（${e.n} 条，其中 ${e.n2} 条有二级标签）`);
  console.log(
    `一级 top-1 ${pct(e.top1Level1)}  top-3 ${pct(e.top3Level1)}  宏 F1 ${pct(e.macroF1Level1)}  ECE ${e.eceLevel1.toFixed(3)}`,
  );
  console.log(
    `二级 top-1 ${pct(e.top1Level2)}  top-3 ${pct(e.top3Level2)}  ECE ${e.eceLevel2.toFixed(3)}`,
  );
  console.log(
    `标为“不确定”的 ${pct(e.uncertainShare)}：其一级 top-1 ${pct(e.top1Level1Uncertain)}，其余 ${pct(e.top1Level1Sure)}`,
  );
  console.log('\n一级置信度区间  样本  平均置信度  准确率');
  for (const b of e.reliabilityLevel1) {
    console.log(
      `[${b.from.toFixed(1)}, ${b.to.toFixed(1)})  ${String(b.n).padStart(4)}  ${pct(b.confidence).padStart(9)}  ${pct(b.accuracy).padStart(6)}`,
    );
  }
  console.log('\n一级分类              样本  精确率  召回率  F1');
  for (const r of e.perClass) {
    console.log(
      `${r.label.padEnd(16, '\u3000')} ${String(r.support).padStart(4)}  ${pct(r.precision).padStart(6)}  ${pct(r.recall).padStart(6)}  ${pct(r.f1).padStart(6)}`,
    );
  }
  if (e.confused.length > 0) {
    console.log('\n最常混淆（真实 → 预测）');
    for (const c of e.confused) console.log(`  ${c.gold} → ${c.predicted}：${c.count}`);
  }
}

function side(label: string, a: number, b: number): string {
  const d = (b - a) * 100;
  return `${label.padEnd(16)} ${pct(a).padStart(7)} ${pct(b).padStart(7)}  ${d >= 0 ? '+' : ''}${d.toFixed(1)}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
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
  if (data.length === 0) {
    console.error('用法：npm run eval -- --data <file.jsonl> [--model <目录>] [--cv 5]');
    process.exitCode = 2;
    return;
  }
  const shipped = loadModel(modelDir);
  const examples: LabelledExample[] = [];
  for (const f of data) {
    const r = readLabelledFile(f, path.basename(f, '.jsonl'));
    for (const e of r.errors) console.error(`无法使用：${e}`);
    examples.push(...r.examples);
  }
  console.log(
    `模型 ${path.join(modelDir, 'model.json')}（${shipped.meta.dataHash.slice(0, 19)}…，温度 ${shipped.calibration.temperature}，下限 ${shipped.calibration.floor}）；解析器 parseNotice；${examples.length} 条标注`,
  );
  if (cv < 2) {
    report('评测', evaluate(shipped, examples, parse));
    return;
  }
  const prior = loadPrior();
  const locals: Model[] = [];
  const local = crossValidate(
    examples,
    cv,
    (train) => {
      const m = trainModel(train, { base: shipped, parse });
      locals.push(m);
      return m;
    },
    parse,
  );
  const shippedOnFolds = crossValidate(examples, cv, () => shipped, parse);
  console.log(
    `\n== ${cv} 折交叉验证：随附模型 vs 在随附模型之上用本地数据训练的模型（同一测试折）`,
  );
  console.log(`${'指标'.padEnd(16)} ${'随附'.padStart(7)} ${'本地'.padStart(7)}  差（百分点）`);
  const s = shippedOnFolds.overall;
  const l = local.overall;
  console.log(side('一级 top-1', s.top1Level1, l.top1Level1));
  console.log(side('一级 top-3', s.top3Level1, l.top3Level1));
  console.log(side('一级宏 F1', s.macroF1Level1, l.macroF1Level1));
  if (l.n2 > 0) {
    console.log(side('二级 top-1', s.top1Level2, l.top1Level2));
    console.log(side('二级 top-3', s.top3Level2, l.top3Level2));
  }
  console.log(
    `${'一级 ECE'.padEnd(16)} ${s.eceLevel1.toFixed(3).padStart(7)} ${l.eceLevel1.toFixed(3).padStart(7)}`,
  );
  for (const f of local.folds) {
    const sf = shippedOnFolds.folds[f.fold]?.evaluation;
    console.log(
      `  第 ${f.fold + 1} 折（${f.evaluation.n} 条）：一级 top-1 随附 ${pct(sf?.top1Level1 ?? 0)} / 本地 ${pct(f.evaluation.top1Level1)}`,
    );
  }
  const sanity = pseudoExamples(prior, 1, 99);
  const before = evaluate(shipped, sanity, parse);
  const after = locals[0] ? evaluate(locals[0], sanity, parse) : before;
  console.log(`\n分类表自检（先验伪样本 ${sanity.length} 条，检查本地模型没有遗忘分类表）：`);
  console.log(side('一级 top-1', before.top1Level1, after.top1Level1));
  console.log(side('二级 top-1', before.top1Level2, after.top1Level2));
}

await main();
