/**
 * The notices on the desk: intake (paste, files, a desk JSONL), decisions and undo. Every change is
 * written to storage at once; a write that fails keeps the change in memory and tells the clerk.
 */
import { newRecord, type NoticeAnalysis } from '../domain/desk/analyse';
import { firstArrival, newOnly, withRecords } from '../domain/desk/collection';
import { decisionFor, rebaseDecision, withDecision } from '../domain/desk/decide';
import { importedRecord } from '../domain/desk/merge';
import type { NoticeRecord } from '../domain/desk/record';
import { parseDeskJsonl } from '../domain/export/jsonl';
import { checkPaste } from '../domain/intake/paste';
import { detailOf, message } from '../domain/message';
import { storageProblem } from '../lib/db';
import { readImportFile, readNoticeFile } from '../lib/read-file';
import { orderedMap } from '../workers/pool';
import type { GetState, SetState, StoreContext } from './context';
import { SAVING, track } from './pending';
import type { DeskState, IntakeError, NoticesSlice, Slice } from './types';

/** Files read, parsed and classified per worker call: small enough that progress moves and cancel is quick. */
const CHUNK = 25;
/** Records shown and stored at once: one render of the table and one transaction per batch. */
const BATCH = 200;
/** A background re-score elsewhere can race a decision a few times at most; past that, it is a conflict. */
const REBASE_ATTEMPTS = 3;
/** Undo reaches back this many decisions (the worker's local model keeps as many steps). */
const UNDO_DEPTH = 50;

interface Incoming {
  readonly text: string;
  readonly source: NoticeRecord['source'];
}

export function reportStorage(set: SetState, error: unknown): void {
  const problem = storageProblem(error);
  set({ storage: { status: problem.kind, problem: problem.problem } });
}

interface Analysed {
  readonly item: Incoming;
  readonly analysis: NoticeAnalysis;
}

/** Parses and classifies texts in a worker; nothing is shown or stored yet. */
async function analyse(ctx: StoreContext, items: readonly Incoming[]): Promise<Analysed[]> {
  if (items.length === 0) return [];
  const analyses = await ctx.deps.workers.desk.analyse(items.map((i) => i.text));
  return analyses.flatMap((analysis, i) => {
    const item = items[i];
    return item ? [{ item, analysis }] : [];
  });
}

/**
 * Shows and stores the notices the desk does not hold yet, in one set and one transaction, stamped
 * in the order given; returns their records. `extra` (progress, say) goes into the same set, so the page renders once per batch.
 */
async function commit(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  analysed: readonly Analysed[],
  extra: Partial<DeskState> = {},
): Promise<NoticeRecord[]> {
  const s = get();
  const last = s.ids.at(-1);
  const first = firstArrival(
    ctx.deps.clock.now(),
    last === undefined ? undefined : s.byId.get(last)?.addedAt,
  );
  const records = analysed.map(({ item, analysis }, i) =>
    newRecord(item.text, analysis, item.source, new Date(first + i).toISOString()),
  );
  const added = newOnly(s, records);
  if (added.length === 0) {
    if (Object.keys(extra).length > 0) set(extra);
    return added;
  }
  set({ ...withRecords(s, added), ...extra });
  const db = ctx.runtime.db;
  if (db) {
    try {
      await db.addRecords(added);
    } catch (e) {
      reportStorage(set, e);
    }
  }
  return added;
}

/**
 * Writes a changed record over the revision this tab saw (`base`). If another tab only re-scored the
 * notice meanwhile, the change is applied on top of its version; if it decided the notice, its
 * version wins, is shown, and the clerk is told.
 */
async function persistChange(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  base: NoticeRecord,
  record: NoticeRecord,
): Promise<void> {
  const db = ctx.runtime.db;
  if (!db) return;
  let attempt = record;
  try {
    for (let i = 0; i < REBASE_ATTEMPTS; i++) {
      const result = await db.putIfUnchanged(attempt);
      if (result.ok) {
        // Shown unless the clerk has changed the notice again meanwhile (that change follows);
        // an older version another tab announced while this write was under way gives way.
        const shown = get().byId.get(record.id);
        if (attempt !== record && (shown === record || (shown && shown.rev < attempt.rev))) {
          set(withRecords(get(), [attempt]));
        }
        return;
      }
      const rebased = rebaseDecision(result.stored, record, base);
      if (rebased === null) {
        set({
          ...withRecords(get(), [result.stored]),
          undoStack: [],
          storage: { status: 'conflict', problem: message('conflictNotSaved') },
        });
        return;
      }
      attempt = rebased;
    }
  } catch (e) {
    reportStorage(set, e);
  }
}

export const createNoticesSlice =
  (ctx: StoreContext): Slice<NoticesSlice> =>
  (set, get) => ({
    hydrated: false,
    ids: [],
    byId: new Map(),
    intake: { running: false, done: 0, total: 0, errors: [] },
    undoStack: [],

    async addPaste(text) {
      const check = checkPaste(text);
      if (!check.ok) {
        return {
          added: 0,
          duplicates: 0,
          errors: [{ about: 'paste', reason: check.reason }],
          firstId: null,
        };
      }
      try {
        const analysed = await analyse(ctx, [
          { text: check.text, source: { kind: 'paste', name: null } },
        ]);
        const added = await commit(ctx, get, set, analysed);
        return {
          added: added.length,
          duplicates: 1 - added.length,
          errors: [],
          firstId: added[0]?.id ?? null,
        };
      } catch (e) {
        const reason = message('pasteUnreadable', { detail: detailOf(e) });
        return { added: 0, duplicates: 0, errors: [{ about: 'paste', reason }], firstId: null };
      }
    },

    async addFiles(files) {
      ctx.runtime.intakeCancelled = false;
      const errors: IntakeError[] = [];
      let added = 0;
      let duplicates = 0;
      let done = 0;
      let firstId: string | null = null;
      let batch: Analysed[] = [];
      const total = files.length;
      const progress = (running: boolean): Partial<DeskState> => ({
        intake: { running, done, total, errors: [...errors] },
      });
      const flush = async (): Promise<void> => {
        const records = batch;
        batch = [];
        const fresh = await commit(ctx, get, set, records, progress(true));
        added += fresh.length;
        duplicates += records.length - fresh.length;
        firstId ??= fresh[0]?.id ?? null;
      };
      set(progress(true));
      const chunks: (readonly File[])[] = [];
      for (let at = 0; at < files.length; at += CHUNK) chunks.push(files.slice(at, at + CHUNK));
      // Chunks are read and analysed on several workers at once; they come back in upload order and
      // are shown and stored a batch at a time, so the table re-renders once per batch.
      await orderedMap(
        chunks,
        async (chunk): Promise<{ chunk: readonly File[]; records: Analysed[] }> => {
          const items: Incoming[] = [];
          for (const file of chunk) {
            const read = await readNoticeFile(file);
            if (read.ok) items.push({ text: read.text, source: { kind: 'file', name: file.name } });
            else errors.push({ about: { file: file.name }, reason: read.reason });
          }
          try {
            return { chunk, records: await analyse(ctx, items) };
          } catch (e) {
            const reason = message('fileUnparsable', { detail: detailOf(e) });
            errors.push(...items.map((i) => ({ about: { file: i.source.name ?? '' }, reason })));
            return { chunk, records: [] };
          }
        },
        {
          // One chunk more than the workers, so a worker never waits while the page reads files.
          concurrency: ctx.deps.workers.parallel + 1,
          cancelled: () => ctx.runtime.intakeCancelled,
          onResult: async ({ chunk, records }) => {
            done += chunk.length;
            batch.push(...records);
            if (batch.length >= BATCH) await flush();
            else set(progress(true));
          },
        },
      );
      await flush();
      if (ctx.runtime.intakeCancelled) {
        errors.push({ about: 'import', reason: message('intakeCancelled', { added }) });
      }
      set({ intake: { running: false, done: 0, total: 0, errors } });
      return { added, duplicates, errors, firstId };
    },

    cancelIntake() {
      ctx.runtime.intakeCancelled = true;
    },

    dismissIntakeErrors() {
      set({ intake: { ...get().intake, errors: [] } });
    },

    decide(id, path) {
      const s = get();
      const before = s.byId.get(id);
      if (!before) return;
      const after = withDecision(
        before,
        decisionFor(before, path, ctx.deps.clock.now().toISOString()),
      );
      set({
        ...withRecords(s, [after]),
        undoStack: [...s.undoStack, before].slice(-UNDO_DEPTH),
        ...SAVING,
      });
      void track(ctx, get, set, persistChange(ctx, get, set, before, after));
      get().learnDecision(id);
    },

    undo() {
      const s = get();
      const before = s.undoStack.at(-1);
      if (!before) return;
      const now = s.byId.get(before.id);
      const undoStack = s.undoStack.slice(0, -1);
      if (!now) {
        set({ undoStack });
        return;
      }
      const restored: NoticeRecord = { ...before, rev: now.rev + 1 };
      set({ ...withRecords(s, [restored]), undoStack, ...SAVING });
      if (now.decision !== null) get().unlearnDecision(before.id);
      get().select(before.id);
      void track(ctx, get, set, persistChange(ctx, get, set, now, restored));
    },

    async importDeskJsonl(file) {
      const decoded = await readImportFile(file);
      if (!decoded.ok) {
        set({
          intake: {
            ...get().intake,
            errors: [{ about: { file: file.name }, reason: decoded.reason }],
          },
        });
        return { read: 0, added: 0, updated: 0, kept: 0, errors: 1 };
      }
      const parsed = parseDeskJsonl(decoded.text);
      const errors: IntakeError[] = parsed.errors.map((e) => ({
        about: { file: file.name, line: e.line },
        reason: e.reason,
      }));
      const s = get();
      const taken = parsed.records.flatMap((r) => importedRecord(s.byId.get(r.id), r) ?? []);
      const added = taken.filter((r) => !s.byId.has(r.id)).length;
      set({ ...withRecords(s, taken), intake: { ...s.intake, errors } });
      const db = ctx.runtime.db;
      if (taken.length > 0 && db) {
        try {
          await db.putRecords(taken);
        } catch (e) {
          reportStorage(set, e);
        }
      }
      return {
        read: parsed.records.length,
        added,
        updated: taken.length - added,
        kept: parsed.records.length - taken.length,
        errors: errors.length,
      };
    },
  });
