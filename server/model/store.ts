/**
 * Which model scores a project's notices: its newest office model once one is trained, else the
 * shipped one (public/model/model.json). Parsed models are cached by id: a cache of what the
 * database holds, so any server process answers the same.
 */
import { readFileSync } from 'node:fs';
import { parseModel, type Model, type ModelFile } from '../../src/domain/classifier';
import type { ModelRef } from '../../src/domain/team/contract';
import type { Queryable } from '../db/database';

export interface ScoringModel {
  readonly model: Model;
  readonly ref: ModelRef;
}

export interface ModelStore {
  /** The shipped model, or null when its file is missing or invalid (notices load unscored). */
  readonly shipped: ScoringModel | null;
  readonly shippedPath: string;
  /** The model that scores `projectId`'s notices now. */
  forProject(db: Queryable, projectId: number): Promise<ScoringModel | null>;
}

/** Reads the shipped model; a broken file is reported once and leaves the server usable. */
export function loadShippedModel(modelPath: string): ScoringModel | null {
  try {
    const model = parseModel(JSON.parse(readFileSync(modelPath, 'utf8')));
    return { model, ref: { id: null, kind: 'shipped', createdAt: model.meta.createdAt } };
  } catch (error) {
    console.warn(
      `分类模型不可用（${modelPath}）：${error instanceof Error ? error.message : String(error)}。公文仍可载入，但没有建议。`,
    );
    return null;
  }
}

/** How many parsed office models stay in memory (each is a few MB). */
const CACHE_SIZE = 4;

export function createModelStore(modelPath: string): ModelStore {
  const shipped = loadShippedModel(modelPath);
  const cache = new Map<number, ScoringModel>();
  return {
    shipped,
    shippedPath: modelPath,
    async forProject(db, projectId) {
      const [latest] = await db.query<{ id: number; created_at: string }>(
        `SELECT id, created_at FROM models WHERE project_id = $1 AND status = 'ready'
         ORDER BY id DESC LIMIT 1`,
        [projectId],
      );
      if (!latest) return shipped;
      const cached = cache.get(latest.id);
      if (cached) return cached;
      const [row] = await db.query<{ file: ModelFile }>('SELECT file FROM models WHERE id = $1', [
        latest.id,
      ]);
      if (!row) return shipped;
      const scoring: ScoringModel = {
        model: parseModel(row.file),
        ref: { id: latest.id, kind: 'office', createdAt: latest.created_at },
      };
      cache.set(latest.id, scoring);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as number);
      return scoring;
    },
  };
}
