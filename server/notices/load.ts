/**
 * Loading notices into a project: each is parsed and scored with the project's model (the desk's
 * own analyseNotice), and stored once: a notice already in the project (same content id) is
 * counted as a duplicate and left as it is.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { analyseNotice } from '../../src/domain/desk/analyse';
import { parseNotice } from '../../src/domain/notice';
import type { LoadResult } from '../../src/domain/team/contract';
import { normaliseTopic } from '../../src/domain/taxonomy/taxonomy';
import { recordEvent } from '../audit/events';
import { jsonb, type Database } from '../db/database';
import type { ModelStore } from '../model/store';
import { projectRules } from '../projects/store';
import type { IntakeError, IntakeItem } from './read';

/** Notices analysed between two turns of the event loop (~16 ms each): other requests go on. */
const CHUNK = 8;

/**
 * Whether a notice is in the double-labelled share: a fixed function of its content id, so the same
 * notice is always in or out, and the share is met over many notices.
 */
export function inDoubleShare(contentId: string, share: number): boolean {
  const fraction = parseInt(contentId.slice(-8), 16) / 2 ** 32;
  return Number.isFinite(fraction) && fraction < share;
}

export async function loadNotices(
  db: Database,
  models: ModelStore,
  projectId: number,
  actorId: number,
  items: readonly IntakeItem[],
  errors: readonly IntakeError[],
): Promise<LoadResult> {
  const scoring = await models.forProject(db, projectId);
  const { doubleShare } = await projectRules(db, projectId);
  const added: number[] = [];
  let duplicates = 0;
  for (let start = 0; start < items.length; start += CHUNK) {
    const rows = items.slice(start, start + CHUNK).map((item) => {
      const analysis = analyseNotice(parseNotice(item.text), scoring?.model ?? null);
      const label = item.labelRaw === null ? null : normaliseTopic(item.labelRaw);
      return {
        item,
        analysis:
          item.labelRaw === null
            ? analysis
            : {
                ...analysis,
                meta: { ...analysis.meta, topicRaw: item.labelRaw },
                originalTopic: label?.ok ? label.path : null,
              },
      };
    });
    await db.transaction(async (tx) => {
      for (const { item, analysis } of rows) {
        const [row] = await tx.query<{ id: number }>(
          `INSERT INTO notices (project_id, content_id, source_kind, source_name, text, meta,
                                original_topic, suggestions, model_id, required, added_by)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $11)
           ON CONFLICT (project_id, content_id) DO NOTHING RETURNING id`,
          [
            projectId,
            analysis.id,
            item.source.kind,
            item.source.name,
            item.text,
            JSON.stringify(analysis.meta),
            jsonb(analysis.originalTopic),
            jsonb(analysis.suggestions),
            scoring?.ref.id ?? null,
            inDoubleShare(analysis.id, doubleShare) ? 2 : 1,
            actorId,
          ],
        );
        if (row) added.push(row.id);
        else duplicates += 1;
      }
    });
    await yieldToEventLoop();
  }
  await recordEvent(db, {
    actorId,
    kind: 'notices.loaded',
    projectId,
    data: {
      added: added.length,
      duplicates,
      errors: errors.length,
      firstId: added[0] ?? null,
      lastId: added.at(-1) ?? null,
      model: scoring?.ref ?? null,
    },
  });
  return { added, duplicates, errors, model: scoring?.ref ?? null };
}
