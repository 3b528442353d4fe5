/**
 * Exports of a project: the final labels as the desk's own CSV (Excel-safe) and lossless JSONL (the
 * desk can resume from it), and the audit trail as JSONL. Streamed page by page, so a project of
 * any size never sits in memory whole.
 */
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { decisionFor } from '../../src/domain/desk/decide';
import type { NoticeRecord } from '../../src/domain/desk/record';
import { csvChunks } from '../../src/domain/export/csv';
import { exportFileName } from '../../src/domain/export/file-name';
import {
  DESK_FORMAT,
  DESK_FORMAT_VERSION,
  type DeskJsonlHeader,
} from '../../src/domain/export/jsonl';
import { noticeCsvRows } from '../../src/domain/export/records';
import { listEvents } from '../audit/events';
import type { AppDeps, AppEnv } from '../context';
import type { Queryable } from '../db/database';
import { assertProjectAccess, requireRole } from '../http/guards';
import { exportQuery } from '../http/schemas';
import { idParam, readQuery } from '../http/validate';
import type { NoticeRow } from '../notices/store';

const PAGE = 500;

/** A notice of the queue as the desk's record: its decision is the final label. */
export function toRecord(n: NoticeRow): NoticeRecord {
  return {
    id: n.content_id,
    source: { kind: n.source_kind, name: n.source_name },
    addedAt: n.added_at,
    text: n.text,
    meta: n.meta,
    originalTopic: n.original_topic,
    suggestions: n.suggestions,
    decision:
      n.final_topic === null ? null : decisionFor(n, n.final_topic, n.final_at ?? n.added_at),
    rev: n.rev,
  };
}

async function* noticePages(db: Queryable, projectId: number): AsyncGenerator<NoticeRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await db.query<NoticeRow>(
      'SELECT * FROM notices WHERE project_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [projectId, after, PAGE],
    );
    if (rows.length === 0) return;
    yield rows.map(toRecord);
    after = rows.at(-1)?.id ?? after;
  }
}

function download(c: Context<AppEnv>, type: string, name: string): void {
  c.header('Content-Type', type);
  // An ASCII name for old clients, the Chinese one (RFC 6266) for every browser since 2012.
  const ascii = name.replace(/[^\x20-\x7e]+/g, '').replace(/^-+/, '') || 'export';
  c.header(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  );
  c.header('Cache-Control', 'no-store');
}

export function exportRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/projects/:projectId/export.csv', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const { separator } = readQuery(c, exportQuery);
    download(c, 'text/csv; charset=utf-8', exportFileName(new Date(), 'csv'));
    return stream(c, async (out) => {
      let first = true;
      for await (const page of noticePages(db, projectId)) {
        const rows = noticeCsvRows(page, { separator: separator ?? '-' });
        // The header row (and the BOM) once, at the top of the file.
        if (!first) rows.next();
        for (const chunk of csvChunks(rows, { bom: first })) await out.write(chunk);
        first = false;
      }
      if (first) for (const chunk of csvChunks(noticeCsvRows([]))) await out.write(chunk);
    });
  });

  app.get('/projects/:projectId/export.jsonl', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    const [total] = await db.query<{ count: number }>(
      'SELECT count(*) AS count FROM notices WHERE project_id = $1',
      [projectId],
    );
    const header: DeskJsonlHeader = {
      format: DESK_FORMAT,
      version: DESK_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      count: total?.count ?? 0,
    };
    download(c, 'application/x-ndjson; charset=utf-8', exportFileName(new Date(), 'jsonl'));
    return stream(c, async (out) => {
      await out.write(JSON.stringify(header) + '\n');
      for await (const page of noticePages(db, projectId)) {
        await out.write(page.map((r) => JSON.stringify(r) + '\n').join(''));
      }
    });
  });

  const eventsExport = (projectId: number | null) => (c: Context<AppEnv>) => {
    download(
      c,
      'application/x-ndjson; charset=utf-8',
      `audit-${new Date().toISOString().slice(0, 10)}.jsonl`,
    );
    return stream(c, async (out) => {
      let after = 0;
      for (;;) {
        const events = await listEvents(db, projectId, after, PAGE);
        if (events.length === 0) return;
        await out.write(events.map((e) => JSON.stringify(e) + '\n').join(''));
        after = events.at(-1)?.id ?? after;
      }
    });
  };

  app.get('/projects/:projectId/events.jsonl', async (c) => {
    const auth = requireRole(c, 'admin', 'reviewer');
    const projectId = idParam(c, 'projectId');
    await assertProjectAccess(db, auth, projectId);
    return eventsExport(projectId)(c);
  });

  app.get('/events.jsonl', (c) => {
    requireRole(c, 'admin');
    return eventsExport(null)(c);
  });

  return app;
}
