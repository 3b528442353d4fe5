/**
 * The office model: staff start a training on the project's final labels; every member fetches the
 * newest model with its provenance (the shipped one until an office model is ready).
 */
import { Hono } from 'hono';
import { serialiseModel } from '../../src/domain/classifier';
import type { AppDeps, AppEnv } from '../context';
import { ApiFailure } from '../http/errors';
import { assertProjectAccess, requireRole } from '../http/guards';
import { idParam } from '../http/validate';
import { MODEL_SELECT, startTraining, toOfficeModel } from './trainer';

/** Trainings still running after this long died with their server: shown as failed. */
const TRAINING_TIMEOUT_MINUTES = 120;

export function modelRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, models, trainer } = deps;
  const app = new Hono<AppEnv>();

  const list = async (projectId: number) => {
    const rows = await db.query<Parameters<typeof toOfficeModel>[0]>(
      `${MODEL_SELECT} WHERE m.project_id = $1 ORDER BY m.id DESC`,
      [projectId],
    );
    return rows.map(toOfficeModel).map((m) =>
      m.status === 'training' &&
      Date.now() - Date.parse(m.createdAt) > TRAINING_TIMEOUT_MINUTES * 60_000
        ? {
            ...m,
            status: 'failed' as const,
            error: '训练中断（服务器在训练时停止），请重新训练。',
          }
        : m,
    );
  };

  app.post('/projects/:projectId/model/train', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const started = await startTraining(db, models, trainer, projectId, auth.user.id);
    if (!started)
      throw new ApiFailure(409, 'no_model', '随附的分类模型不可用，无法在其基础上训练。');
    return c.json({ model: started.model }, 202);
  });

  app.get('/projects/:projectId/models', async (c) => {
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, c.var.auth, projectId);
    return c.json({ models: await list(projectId) });
  });

  // The model that scores this project now, with where it came from.
  app.get('/projects/:projectId/model', async (c) => {
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, c.var.auth, projectId);
    const scoring = await models.forProject(db, projectId);
    if (!scoring) throw new ApiFailure(404, 'no_model', '没有可用的分类模型。');
    const office =
      scoring.ref.id === null
        ? null
        : ((await list(projectId)).find((m) => m.id === scoring.ref.id) ?? null);
    return c.json({ ref: scoring.ref, model: office, meta: scoring.model.meta });
  });

  // The model file itself (schema of public/model/model.json), for the desk's parseModel.
  app.get('/projects/:projectId/model/file', async (c) => {
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, c.var.auth, projectId);
    const scoring = await models.forProject(db, projectId);
    if (!scoring) throw new ApiFailure(404, 'no_model', '没有可用的分类模型。');
    const etag = `"${scoring.ref.kind}-${scoring.ref.id ?? scoring.ref.createdAt}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('ETag', etag);
    c.header('X-Model-Kind', scoring.ref.kind);
    if (scoring.ref.id !== null) c.header('X-Model-Id', String(scoring.ref.id));
    return c.json(serialiseModel(scoring.model));
  });

  return app;
}
