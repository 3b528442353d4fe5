/**
 * Starting an office model's training: the examples are read and the job recorded (status
 * `training`) in one transaction, the work runs in a worker thread, and its result is stored as the
 * project's newest model (or as failed). Every step is an audit event.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ModelFile } from '../../src/domain/classifier';
import type { OfficeModel } from '../../src/domain/team/contract';
import type { TopicPath } from '../../src/domain/taxonomy/taxonomy';
import { recordEvent } from '../audit/events';
import type { Database, Queryable } from '../db/database';
import { ApiFailure } from '../http/errors';
import type { ModelStore } from './store';

export interface TrainJob {
  readonly examples: readonly { readonly text: string; readonly path: TopicPath }[];
  readonly baseModelPath: string;
  readonly createdAt: string;
  readonly dataHash: string;
}

export type TrainOutcome =
  | { readonly ok: true; readonly file: ModelFile }
  | { readonly ok: false; readonly message: string };

/** Runs a job to its outcome; the server's is a worker thread, a test may pass its own. */
export type Trainer = (job: TrainJob) => Promise<TrainOutcome>;

/**
 * The worker is TypeScript, like the server: a two-line bootstrap registers tsx's loader in the new
 * thread and then imports it, whether or not this process itself runs under tsx.
 */
/** tsx's ESM API, found through its package exports (require.resolve would give the CJS build). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = pkg.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(path.join(path.dirname(manifest), entry)).href;
}

function startWorker(job: TrainJob): Worker {
  const tsxApi = tsxEsmApi();
  const entry = new URL('./train-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: job });
}

export const workerTrainer: Trainer = (job) =>
  new Promise((resolve) => {
    const worker = startWorker(job);
    worker.once('message', (outcome: TrainOutcome) => {
      resolve(outcome);
      void worker.terminate();
    });
    worker.once('error', (error) => resolve({ ok: false, message: error.message }));
    worker.once('exit', (code) => {
      if (code !== 0) resolve({ ok: false, message: `训练进程意外退出（${code}）` });
    });
  });

interface ModelRow {
  id: number;
  project_id: number;
  status: OfficeModel['status'];
  created_at: string;
  finished_at: string | null;
  error: string | null;
  examples: number;
  data_hash: string;
  created_by: number;
  creator: string;
  base: { createdAt: string; dataHash: string };
}

export const MODEL_SELECT = `
  SELECT m.id, m.project_id, m.status, m.created_at, m.finished_at, m.error, m.examples,
         m.data_hash, m.created_by, u.name AS creator, m.base
  FROM models m JOIN users u ON u.id = m.created_by`;

export function toOfficeModel(row: ModelRow): OfficeModel {
  return {
    id: row.id,
    projectId: row.project_id,
    status: row.status,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    provenance: {
      examples: row.examples,
      dataHash: row.data_hash,
      trainedBy: { id: row.created_by, name: row.creator },
      base: row.base,
    },
  };
}

export async function findModel(db: Queryable, id: number): Promise<OfficeModel | null> {
  const [row] = await db.query<ModelRow>(`${MODEL_SELECT} WHERE m.id = $1`, [id]);
  return row ? toOfficeModel(row) : null;
}

/** sha-256 over the examples in order, so the same labels give the same hash on any server. */
export function examplesHash(examples: TrainJob['examples']): string {
  const hash = createHash('sha256');
  for (const e of examples)
    hash.update(JSON.stringify([e.text, e.path.label1, e.path.label2]) + '\n');
  return hash.digest('hex');
}

/**
 * Records the job and starts it; resolves with the `training` row at once and with nothing more:
 * `done` (for tests) settles when the outcome is stored.
 */
export async function startTraining(
  db: Database,
  models: ModelStore,
  trainer: Trainer,
  projectId: number,
  actorId: number,
): Promise<{ model: OfficeModel; done: Promise<void> } | null> {
  const shipped = models.shipped;
  if (!shipped) return null;
  const started = await db.transaction(async (tx) => {
    const examples = await tx.query<{ text: string; path: TopicPath }>(
      `SELECT text, final_topic AS path FROM notices
       WHERE project_id = $1 AND state = 'done' AND final_topic IS NOT NULL ORDER BY id`,
      [projectId],
    );
    if (examples.length === 0) {
      throw new ApiFailure(
        409,
        'no_final_labels',
        '项目中还没有最终标注（已确认或已审核的公文），无法训练本单位模型。',
      );
    }
    const dataHash = examplesHash(examples);
    const base = { createdAt: shipped.model.meta.createdAt, dataHash: shipped.model.meta.dataHash };
    const [row] = await tx.query<{ id: number; created_at: string }>(
      `INSERT INTO models (project_id, status, created_by, examples, data_hash, base)
       VALUES ($1, 'training', $2, $3, $4, $5::jsonb) RETURNING id, created_at`,
      [projectId, actorId, examples.length, dataHash, JSON.stringify(base)],
    );
    if (!row) throw new Error('INSERT INTO models returned no row');
    await recordEvent(tx, {
      actorId,
      kind: 'model.training',
      projectId,
      data: { modelId: row.id, examples: examples.length, dataHash, base },
    });
    return { id: row.id, createdAt: row.created_at, examples, dataHash };
  });
  const done = trainer({
    examples: started.examples,
    baseModelPath: models.shippedPath,
    createdAt: started.createdAt,
    dataHash: started.dataHash,
  }).then(async (outcome) => {
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE models SET status = $2, file = $3::jsonb, error = $4, finished_at = now() WHERE id = $1`,
        [
          started.id,
          outcome.ok ? 'ready' : 'failed',
          outcome.ok ? JSON.stringify(outcome.file) : null,
          outcome.ok ? null : outcome.message,
        ],
      );
      await recordEvent(tx, {
        actorId,
        kind: outcome.ok ? 'model.ready' : 'model.failed',
        projectId,
        data: outcome.ok
          ? {
              modelId: started.id,
              metrics: outcome.file.metrics,
              trainingSummary: outcome.file.trainingSummary,
            }
          : { modelId: started.id, error: outcome.message },
      });
    });
  });
  const model = await findModel(db, started.id);
  if (!model) throw new Error('the model row just written is gone');
  return {
    model,
    done: done.catch((error: unknown) => console.error('训练结果无法保存：', error)),
  };
}
