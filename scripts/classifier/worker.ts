/**
 * A worker thread of `npm run classify` on a directory: loads the model once, then classifies the
 * files it is sent and answers with their lines, in the order it was given them.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from './io';
import { classifiedLine, readText } from './lines';

export interface ClassifyJob {
  readonly job: number;
  readonly dir: string;
  readonly names: readonly string[];
}

export interface ClassifyReply {
  readonly job: number;
  readonly lines: readonly string[];
}

const port = parentPort;
if (port) {
  const model = loadModel(String((workerData as { modelDir: unknown }).modelDir));
  port.on('message', ({ job, dir, names }: ClassifyJob) => {
    const lines = names.map((name) => classifiedLine(model, name, readText(path.join(dir, name))));
    port.postMessage({ job, lines } satisfies ClassifyReply);
  });
}
