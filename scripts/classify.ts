/**
 * `npm run --silent classify -- <file.txt | dir | file.jsonl> [--model <dir>]`
 * One JSON line per notice: {"id","top":[{label1,label2,path,score,evidence} × 5]}, using the same
 * parser, featuriser and model file as the browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { classifyNotice, type Model } from '../src/domain/classifier/index';
import { parseNotice } from '../src/domain/notice/index';
import type { ParsedNotice } from '../src/domain/notice/types';
import { loadModel, shippedModelDir } from './classifier/io';

function readText(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

function* notices(input: string): Generator<{ id: string; text: string }> {
  const stat = statSync(input);
  if (stat.isDirectory()) {
    for (const name of readdirSync(input).sort()) {
      if (name.endsWith('.txt')) yield { id: name, text: readText(path.join(input, name)) };
    }
    return;
  }
  if (input.endsWith('.jsonl')) {
    const lines = readText(input).split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') continue;
      const rec = JSON.parse(line) as Record<string, unknown>;
      const text =
        typeof rec.text === 'string' ? rec.text : typeof rec.title === 'string' ? rec.title : '';
      yield { id: typeof rec.id === 'string' ? rec.id : String(i + 1), text };
    }
    return;
  }
  yield { id: path.basename(input), text: readText(input) };
}

function line(model: Model, id: string, parsed: ParsedNotice): string {
  const result = classifyNotice(model, parsed, { k: 5 });
  return JSON.stringify({
    id,
    uncertain: result.uncertain,
    top: result.top.map((s) => ({
      label1: s.label1,
      label2: s.label2,
      path: s.path,
      score: Math.round(s.score * 10000) / 10000,
      score1: Math.round(s.score1 * 10000) / 10000,
      evidence: s.evidence.map((e) => ({ term: e.term, weight: e.weight, spans: e.spans })),
      sections: s.sections.map((x) => x.heading),
    })),
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let modelDir = shippedModelDir;
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') modelDir = argv[++i] ?? modelDir;
    else inputs.push(argv[i] ?? '');
  }
  if (inputs.length === 0) {
    console.error(
      '用法：npm run --silent classify -- <file.txt | 目录 | file.jsonl> [--model <目录>]',
    );
    process.exitCode = 2;
    return;
  }
  const model = loadModel(modelDir);
  for (const input of inputs) {
    for (const n of notices(input)) console.log(line(model, n.id, parseNotice(n.text)));
  }
}

await main();
