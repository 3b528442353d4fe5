/** Export of all notices or the filtered set, as Excel-ready CSV or lossless JSONL. */
import { DEFAULT_FILTER, queueOrder } from '../domain/desk/queue';
import type { NoticeRecord } from '../domain/desk/record';
import { exportFileName } from '../domain/export/file-name';
import { deskJsonlChunks } from '../domain/export/jsonl';
import { noticeCsvChunks } from '../domain/export/records';
import type { StoreContext } from './context';
import type { DeskState, ExportSlice, Slice } from './types';

/** A failure while building the file rejects the promise, so the export bar can show it. */
export const createExportSlice =
  (ctx: StoreContext): Slice<ExportSlice> =>
  (_set, get) => {
    /** Rows in the queue's current order: every notice, or only those the filter shows. */
    function recordsFor(s: DeskState, scope: 'all' | 'visible'): NoticeRecord[] {
      const ids =
        scope === 'all'
          ? queueOrder(s.ids, s.byId, DEFAULT_FILTER, s.sort)
          : ctx.selectors.visibleIds(s);
      return ids.flatMap((id) => s.byId.get(id) ?? []);
    }
    return {
      exportCsv: async (scope) => {
        const s = get();
        ctx.deps.download({
          name: exportFileName(ctx.deps.clock.now(), 'csv'),
          chunks: noticeCsvChunks(recordsFor(s, scope), { separator: s.settings.separator }),
          type: 'text/csv;charset=utf-8',
        });
      },
      exportJsonl: async (scope) => {
        const now = ctx.deps.clock.now();
        ctx.deps.download({
          name: exportFileName(now, 'jsonl'),
          chunks: deskJsonlChunks(recordsFor(get(), scope), now.toISOString()),
          type: 'application/x-ndjson;charset=utf-8',
        });
      },
    };
  };
