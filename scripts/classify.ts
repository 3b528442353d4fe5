/**
 * `npm run --silent classify -- <file.txt | dir | file.jsonl> [--model <dir>]`
 * One JSON line per notice: {"id","top":[{label1,label2,path,score,evidence} × 5]}, using the same
 * parser, featuriser and model file as the browser. A directory is classified on worker threads (one
 * per core but one, at least two), its lines printed in file-name order.
 */
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Model } from '../src/domain/classifier/index';
import { createPool, orderedMap, poolSize } from '../src/workers/pool';
import { loadModel, shippedModelDir } from './classifier/io';
import { classifiedLine, readText } from './classifier/lines';
import type { ClassifyJob, ClassifyReply } from './classifier/worker';

/** Files per message to a worker thread: large enough that messaging costs nothing next to parsing. */
const CHUNK = 50;

function* fileNotices(input: string): Generator<{ id: string; text: string }> {
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

/** Classifies a directory's .txt files on worker threads, printing each chunk's lines in order. */
async function classifyDirectory(dir: string, modelDir: string): Promise<void> {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const chunks: string[][] = [];
  for (let at = 0; at < names.length; at += CHUNK) chunks.push(names.slice(at, at + CHUNK));
  const size = Math.min(poolSize(os.availableParallelism()), Math.max(1, chunks.length));
  // Node 20 applies no loader hooks inside a worker thread: its entry registers tsx's there first,
  // then imports the TypeScript worker.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const worker = JSON.stringify(new URL('./classifier/worker.ts', import.meta.url).href);
  const entry = `import(${tsx}).then((api) => { api.register(); return import(${worker}); })`;
  const threads = Array.from(
    { length: size },
    () => new Worker(entry, { eval: true, workerData: { modelDir } }),
  );
  let nextJob = 0;
  const ask = (thread: Worker, chunk: readonly string[]): Promise<readonly string[]> =>
    new Promise((resolve, reject) => {
      const job = nextJob++;
      const onMessage = (reply: ClassifyReply): void => {
        if (reply.job !== job) return;
        thread.off('message', onMessage);
        thread.off('error', reject);
        resolve(reply.lines);
      };
      thread.on('message', onMessage);
      thread.once('error', reject);
      thread.postMessage({ job, dir, names: chunk } satisfies ClassifyJob);
    });
  const pool = createPool(threads);
  try {
    await orderedMap(chunks, (chunk) => pool.run((thread) => ask(thread, chunk)), {
      concurrency: size,
      onResult: (lines) => {
        for (const line of lines) console.log(line);
      },
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
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
  let model: Model | null = null;
  for (const input of inputs) {
    if (statSync(input).isDirectory()) {
      await classifyDirectory(input, modelDir);
      continue;
    }
    model ??= loadModel(modelDir);
    for (const n of fileNotices(input)) console.log(classifiedLine(model, n.id, n.text));
  }
}

await main();
