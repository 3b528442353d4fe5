/** Export of all notices or the filtered set, as Excel-ready CSV or lossless JSONL. */
import type { NoticeRecord } from '../domain/desk/record';
import { exportFileName } from '../domain/export/file-name';
import { deskJsonlChunks } from '../domain/export/jsonl';
import { noticeCsvChunks } from '../domain/export/records';
import { downloadChunks } from '../lib/download';
import { selectVisibleIds } from './selectors';
import type { DeskState, ExportSlice, Slice } from './types';

function recordsFor(s: DeskState, scope: 'all' | 'visible'): NoticeRecord[] {
  const ids = scope === 'all' ? s.ids : selectVisibleIds(s);
  return ids.flatMap((id) => s.byId.get(id) ?? []);
}

/** A failure while building the file rejects the promise, so the export bar can show it. */
export const createExportSlice: Slice<ExportSlice> = (_set, get) => ({
  exportCsv: (scope) =>
    new Promise((resolve) => {
      const s = get();
      const chunks = noticeCsvChunks(recordsFor(s, scope), { separator: s.settings.separator });
      downloadChunks(exportFileName(new Date(), 'csv'), chunks, 'text/csv;charset=utf-8');
      resolve();
    }),
  exportJsonl: (scope) =>
    new Promise((resolve) => {
      const now = new Date();
      const chunks = deskJsonlChunks(recordsFor(get(), scope), now.toISOString());
      downloadChunks(exportFileName(now, 'jsonl'), chunks, 'application/x-ndjson;charset=utf-8');
      resolve();
    }),
});
