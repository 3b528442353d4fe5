/**
 * The office model's training, in a worker thread so the server keeps answering: the desk's own
 * trainModel on top of the shipped model and the knowledge prior, on the project's final labels.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import {
  parseModel,
  readPriorFiles,
  serialiseModel,
  trainModel,
  type LabelledExample,
} from '../../src/domain/classifier';
import { parseNotice } from '../../src/domain/notice';
import type { TrainJob, TrainOutcome } from './trainer';

const PRIOR_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/domain/classifier/prior',
);

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(path.join(PRIOR_DIR, name), 'utf8'));
}

export const OFFICE_GENERATOR = 'notice-topic-desk team server office model';

function train(job: TrainJob): TrainOutcome {
  try {
    const base = parseModel(JSON.parse(readFileSync(job.baseModelPath, 'utf8')));
    const examples: LabelledExample[] = job.examples.map((e) => ({ ...e, source: 'office' }));
    const model = trainModel(examples, {
      base,
      prior: readPriorFiles(readJson),
      parse: parseNotice,
      generator: OFFICE_GENERATOR,
      createdAt: job.createdAt,
      dataHash: job.dataHash,
    });
    return { ok: true, file: serialiseModel(model) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(train(workerData as TrainJob));
