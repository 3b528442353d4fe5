/**
 * Learning from the office's own work: a labelled history imported for training, the local model
 * (trained in a worker on top of the shipped model, then taught every decision at once), the
 * shipped-vs-local cross-validation, and the local model's file. The local model, the history and
 * the last figures are kept in storage ('meta'), so a reload finds them; other tabs hear of changes.
 */
import type { ModelFile } from '../domain/classifier';
import type { NoticeRecord, SuggestedTopic } from '../domain/desk/record';
import { localModelFileName } from '../domain/export/file-name';
import { extensionOf } from '../domain/intake/decode';
import {
  chunks,
  historyFromCsv,
  historyFromJsonl,
  historyFromNotice,
  historyImportReport,
  labelDistribution,
  labelHistory,
  mappingKey,
  rescoreOrder,
  resolveHistoryImport,
  trainingSet,
  type ConflictChoices,
  type HistoryError,
  type HistoryItem,
  type HistoryRead,
  type LabelMapping,
} from '../domain/learning';
import { detailOf, message, type Message } from '../domain/message';
import { readImportFile, readNoticeFile } from '../lib/read-file';
import {
  CancelledError,
  type LearnResult,
  type LearnTask,
  type ModelStep,
  type Provenance,
  type TrainingExample,
} from '../workers/protocol';
import type { GetState, SetState, StoreContext } from './context';
import { deferSave, track } from './pending';
import type {
  LearningSlice,
  LearningState,
  MeasuredComparison,
  PendingImport,
  Slice,
} from './types';

const LOCAL_MODEL_KEY = 'localModel';
const HISTORY_KEY = 'learningHistory';
const COMPARISON_KEY = 'learningComparison';
/** Files read per step: progress moves and cancel is quick. */
const FILE_CHUNK = 25;
/** Notices re-scored per worker call: the nearest ones show new suggestions well within a second. */
const RESCORE_CHUNK = 20;
/** A re-scored notice is written back only when its suggestion changed this much (or its label). */
const PERSIST_SCORE_CHANGE = 0.05;
/** After the last decision, the local model is saved once the clerk pauses. */
const SAVE_DELAY_MS = 1000;

type SavedKey = typeof LOCAL_MODEL_KEY | typeof HISTORY_KEY | typeof COMPARISON_KEY;

function summarise(
  history: readonly HistoryItem[],
  mapping: LabelMapping,
): Pick<LearningState, 'labelled' | 'distribution'> {
  const labelled = labelHistory(history, mapping);
  return { labelled, distribution: labelDistribution(labelled.examples) };
}

const EMPTY = summarise([], {});

function patch(get: GetState, set: SetState, part: Partial<LearningState>): void {
  set({ learning: { ...get().learning, ...part } });
}

function tell(get: GetState, set: SetState, kind: 'info' | 'error', body: Message): void {
  patch(get, set, { message: { kind, body } });
}

async function readHistoryFile(file: File): Promise<HistoryRead> {
  const ext = extensionOf(file.name);
  if (ext === 'csv' || ext === 'tsv' || ext === 'jsonl' || ext === 'json') {
    const decoded = await readImportFile(file);
    if (!decoded.ok) return { items: [], errors: [{ origin: file.name, reason: decoded.reason }] };
    return ext === 'csv' || ext === 'tsv'
      ? historyFromCsv(decoded.text, file.name)
      : historyFromJsonl(decoded.text, file.name);
  }
  const read = await readNoticeFile(file);
  return read.ok
    ? { items: [historyFromNotice(read.text, file.name)], errors: [] }
    : { items: [], errors: [{ origin: file.name, reason: read.reason }] };
}

function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function saveMeta(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  key: SavedKey,
  value: unknown,
): Promise<void> {
  const db = ctx.runtime.db;
  if (!db) return;
  try {
    await db.putMeta(key, value);
  } catch (e) {
    tell(get, set, 'error', message('learningNotSaved', { detail: detailOf(e) }));
  }
}

function saveHistory(ctx: StoreContext, get: GetState, set: SetState): Promise<void> {
  const { history, mapping } = get().learning;
  return saveMeta(ctx, get, set, HISTORY_KEY, { items: history, mapping });
}

function examplesFor(get: GetState): TrainingExample[] {
  const { labelled } = get().learning;
  return trainingSet(labelled.examples, get().byId.values()).examples.map((e) => ({
    text: e.text ?? '',
    path: e.path,
    source: e.source === 'decision' ? 'decision' : 'history',
  }));
}

function changedEnough(
  before: readonly SuggestedTopic[] | null,
  after: readonly SuggestedTopic[],
): boolean {
  const a = before?.[0];
  const b = after[0];
  if (!a || !b) return a !== b;
  return (
    a.path.label1 !== b.path.label1 ||
    a.path.label2 !== b.path.label2 ||
    Math.abs(a.score - b.score) >= PERSIST_SCORE_CHANGE
  );
}

/**
 * Re-scores the pending notices with the model now in use, nearest to the clerk's place first, in
 * chunks; a newer decision starts a new pass and this one stops.
 */
async function rescorePending(ctx: StoreContext, get: GetState, set: SetState): Promise<void> {
  const generation = ++ctx.runtime.rescoreGeneration;
  const state = get();
  const visible = ctx.selectors.visibleIds(state);
  const shown = new Set(visible);
  const order = [...visible, ...state.ids.filter((id) => !shown.has(id))];
  const ids = rescoreOrder(order, (id) => state.byId.get(id)?.decision === null, state.selectedId);
  let done = 0;
  patch(get, set, { rescored: { done, total: ids.length } });
  for (const chunk of chunks(ids, RESCORE_CHUNK)) {
    const records = chunk
      .map((id) => get().byId.get(id))
      .filter((r): r is NoticeRecord => r !== undefined && r.decision === null);
    let fresh: (SuggestedTopic[] | null)[];
    try {
      fresh = await ctx.deps.workers.desk.rescore(records.map((r) => ({ id: r.id, text: r.text })));
    } catch (e) {
      tell(get, set, 'error', message('rescoreFailed', { detail: detailOf(e) }));
      return;
    }
    if (generation !== ctx.runtime.rescoreGeneration) return;
    const s = get();
    const byId = new Map(s.byId);
    const toStore: NoticeRecord[] = [];
    records.forEach((r, i) => {
      const suggestions = fresh[i];
      const now = byId.get(r.id);
      if (!suggestions || !now || now.decision !== null) return;
      const store = changedEnough(now.suggestions, suggestions);
      const next: NoticeRecord = { ...now, suggestions, rev: store ? now.rev + 1 : now.rev };
      byId.set(r.id, next);
      if (store) toStore.push(next);
    });
    done += chunk.length;
    set({ byId, learning: { ...s.learning, rescored: { done, total: ids.length } } });
    const db = ctx.runtime.db;
    for (const r of db ? toStore : []) {
      try {
        await db?.putIfUnchanged(r);
      } catch {
        // The suggestion is shown; the stored one is only older, and is recomputed next time.
      }
    }
  }
}

function scheduleSave(ctx: StoreContext, get: GetState, set: SetState): void {
  deferSave(
    ctx,
    get,
    set,
    () =>
      ctx.deps.workers.desk.exportLocalModel().then(
        // null after undoing every learnt decision: the shipped model is in use again.
        (file) => saveMeta(ctx, get, set, LOCAL_MODEL_KEY, file ?? undefined),
        (e: unknown) =>
          tell(get, set, 'error', message('localModelNotSaved', { detail: detailOf(e) })),
      ),
    SAVE_DELAY_MS,
  );
}

/** Puts a model file in use in the worker, stores it and re-scores the pending notices. */
async function applyModelFile(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  file: ModelFile | null,
): Promise<ModelStep<null>> {
  const step = await ctx.deps.workers.desk.useLocalModel(file);
  if (!step.ok) return step;
  patch(get, set, { local: step.value });
  await saveMeta(ctx, get, set, LOCAL_MODEL_KEY, file ?? undefined);
  void rescorePending(ctx, get, set);
  return { ok: true, value: null };
}

async function runTask(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  start: (onProgress: (done: number, total: number) => void) => LearnTask,
  kind: 'train' | 'compare',
  outcome: { readonly cancelled: Message; readonly failed: (detail: string) => Message },
): Promise<LearnResult | null> {
  ctx.runtime.learnTask?.cancel();
  patch(get, set, { task: { kind, done: 0, total: 0 }, message: null });
  const current = start((done, total) => patch(get, set, { task: { kind, done, total } }));
  ctx.runtime.learnTask = current;
  try {
    return await current.result;
  } catch (e) {
    if (e instanceof CancelledError) tell(get, set, 'info', outcome.cancelled);
    else tell(get, set, 'error', outcome.failed(detailOf(e)));
    return null;
  } finally {
    if (ctx.runtime.learnTask === current) {
      ctx.runtime.learnTask = null;
      patch(get, set, { task: null });
    }
  }
}

/** After the local model learnt or unlearnt one decision: show it, save it soon, re-score pending. */
function followModelStep(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  step: Promise<ModelStep<Provenance | null>>,
  failure: (detail: string | Message) => Message,
): void {
  // Pending until the model has learnt it: a flush then waits for the save that follows.
  void track(ctx, get, set, step).then(
    (result) => {
      if (!result.ok) {
        tell(get, set, 'error', failure(result.problem));
        return;
      }
      patch(get, set, { local: result.value });
      scheduleSave(ctx, get, set);
      void rescorePending(ctx, get, set);
    },
    (e: unknown) => tell(get, set, 'error', failure(detailOf(e))),
  );
}

/** Merges an import into the history with the clerk's choices, reports it, saves it and trains. */
async function mergeImport(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  { report, errors, cancelled }: PendingImport,
  choices: ConflictChoices,
): Promise<void> {
  const { history, mapping } = get().learning;
  const next = resolveHistoryImport(history, report, choices);
  const summary = summarise(next, mapping);
  const { counts } = report;
  patch(get, set, {
    history: next,
    ...summary,
    pendingImport: null,
    importErrors: errors,
    task: null,
    importReport: message('historyImported', {
      cancelled: cancelled ? message('historyImportCancelled') : '',
      read: report.items.length,
      added: counts.new,
      report: message('historyImportCounts', {
        same: counts.same,
        duplicate: counts.duplicate,
        conflict: counts.conflict,
      }),
      usable: summary.labelled.examples.length,
    }),
  });
  await saveHistory(ctx, get, set);
  const changed = counts.new > 0 || counts.conflict > 0;
  if (!cancelled && changed && summary.labelled.examples.length > 0) {
    await get().trainLocalModel();
  }
}

export const createLearningSlice =
  (ctx: StoreContext): Slice<LearningSlice> =>
  (set, get) => ({
    learning: {
      history: [],
      mapping: {},
      ...EMPTY,
      importErrors: [],
      task: null,
      local: null,
      trainMs: null,
      comparison: null,
      message: null,
      rescored: null,
      importReport: null,
      pendingImport: null,
    },

    async importHistory(files) {
      ctx.runtime.historyImportCancelled = false;
      const errors: HistoryError[] = [];
      const items: HistoryItem[] = [];
      patch(get, set, {
        task: { kind: 'import', done: 0, total: files.length },
        message: null,
        importReport: null,
      });
      for (let at = 0; at < files.length && !ctx.runtime.historyImportCancelled; at += FILE_CHUNK) {
        for (const file of files.slice(at, at + FILE_CHUNK)) {
          const read = await readHistoryFile(file);
          items.push(...read.items);
          errors.push(...read.errors);
        }
        patch(get, set, {
          task: {
            kind: 'import',
            done: Math.min(files.length, at + FILE_CHUNK),
            total: files.length,
          },
        });
        await yieldToPage();
      }
      const report = historyImportReport(get().learning.history, items);
      const pending: PendingImport = {
        report,
        errors,
        cancelled: ctx.runtime.historyImportCancelled,
      };
      if (report.conflicts.length > 0) {
        // Labels disagree: nothing is merged until the clerk has said which label wins.
        patch(get, set, {
          pendingImport: pending,
          importErrors: errors,
          task: null,
          message: null,
        });
        return;
      }
      await mergeImport(ctx, get, set, pending, new Map());
    },

    async resolveImport(choices) {
      const pending = get().learning.pendingImport;
      if (!pending) return;
      await mergeImport(ctx, get, set, pending, choices);
    },

    discardImport() {
      patch(get, set, {
        pendingImport: null,
        message: { kind: 'info', body: message('historyImportDiscarded') },
      });
    },

    cancelLearningTask() {
      ctx.runtime.historyImportCancelled = true;
      ctx.runtime.learnTask?.cancel();
    },

    mapLabel(raw, path) {
      const { history, mapping } = get().learning;
      const next = { ...mapping, [mappingKey(raw)]: path };
      patch(get, set, { mapping: next, ...summarise(history, next) });
      void saveHistory(ctx, get, set);
    },

    async trainLocalModel() {
      const examples = examplesFor(get);
      if (examples.length === 0) {
        tell(get, set, 'error', message('nothingToTrain'));
        return;
      }
      ctx.runtime.decidedDuringTraining = [];
      const done = await runTask(
        ctx,
        get,
        set,
        (onProgress) =>
          ctx.deps.workers.runLearnTask(
            { type: 'train', examples, createdAt: ctx.deps.clock.now().toISOString() },
            onProgress,
          ),
        'train',
        {
          cancelled: message('trainCancelled'),
          failed: (detail) => message('trainFailed', { detail }),
        },
      );
      const later = ctx.runtime.decidedDuringTraining;
      ctx.runtime.decidedDuringTraining = null;
      if (!done || done.type !== 'trained') return;
      const applied = await applyModelFile(ctx, get, set, done.file);
      if (!applied.ok) {
        tell(get, set, 'error', message('localModelUnusable', { detail: applied.problem }));
        return;
      }
      for (const id of later ?? []) {
        const r = get().byId.get(id);
        if (!r?.decision) continue;
        const step = await ctx.deps.workers.desk.learn({ id, text: r.text }, r.decision.path);
        if (step.ok) patch(get, set, { local: step.value });
      }
      if ((later ?? []).length > 0) scheduleSave(ctx, get, set);
      patch(get, set, {
        trainMs: done.ms,
        message: {
          kind: 'info',
          body: message('trained', { n: examples.length, s: (done.ms / 1000).toFixed(1) }),
        },
      });
    },

    async compareModels(k = 5) {
      const examples = examplesFor(get);
      if (examples.length < 10) {
        tell(get, set, 'error', message('compareTooFew', { n: examples.length }));
        return;
      }
      const done = await runTask(
        ctx,
        get,
        set,
        (onProgress) => ctx.deps.workers.runLearnTask({ type: 'compare', examples, k }, onProgress),
        'compare',
        {
          cancelled: message('compareCancelled'),
          failed: (detail) => message('compareFailed', { detail }),
        },
      );
      if (!done || done.type !== 'compared') return;
      const comparison: MeasuredComparison = {
        value: done.value,
        available: done.available,
        ms: done.ms,
        at: ctx.deps.clock.now().toISOString(),
      };
      patch(get, set, { comparison });
      await saveMeta(ctx, get, set, COMPARISON_KEY, comparison);
    },

    async exportLocalModel() {
      try {
        const file = await ctx.deps.workers.desk.exportLocalModel();
        if (!file) {
          tell(get, set, 'error', message('noLocalModel'));
          return;
        }
        ctx.deps.download({
          name: localModelFileName(ctx.deps.clock.now()),
          chunks: [JSON.stringify(file)],
          type: 'application/json',
        });
      } catch (e) {
        tell(get, set, 'error', message('modelExportFailed', { detail: detailOf(e) }));
      }
    },

    async importLocalModel(file) {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        tell(get, set, 'error', message('modelFileNotJson', { file: file.name }));
        return;
      }
      try {
        // The worker checks the file (parseModel) before it uses it.
        const applied = await applyModelFile(ctx, get, set, json as ModelFile);
        tell(
          get,
          set,
          applied.ok ? 'info' : 'error',
          applied.ok
            ? message('modelImported', { file: file.name })
            : message('modelImportFailed', { file: file.name, detail: applied.problem }),
        );
      } catch (e) {
        tell(
          get,
          set,
          'error',
          message('modelImportFailed', { file: file.name, detail: detailOf(e) }),
        );
      }
    },

    async resetLocalModel() {
      try {
        const applied = await applyModelFile(ctx, get, set, null);
        tell(
          get,
          set,
          applied.ok ? 'info' : 'error',
          applied.ok
            ? message('modelReset')
            : message('modelResetFailed', { detail: applied.problem }),
        );
      } catch (e) {
        tell(get, set, 'error', message('modelResetFailed', { detail: detailOf(e) }));
      }
    },

    async clearHistory() {
      patch(get, set, { history: [], mapping: {}, ...EMPTY, importErrors: [], comparison: null });
      await saveMeta(ctx, get, set, HISTORY_KEY, undefined);
      await saveMeta(ctx, get, set, COMPARISON_KEY, undefined);
    },

    learnDecision(id) {
      const record = get().byId.get(id);
      if (!record?.decision) return;
      ctx.runtime.decidedDuringTraining?.push(id);
      followModelStep(
        ctx,
        get,
        set,
        ctx.deps.workers.desk.learn({ id, text: record.text }, record.decision.path),
        (detail) => message('learnFailed', { detail }),
      );
    },

    unlearnDecision(id) {
      const pending = ctx.runtime.decidedDuringTraining?.lastIndexOf(id) ?? -1;
      if (pending >= 0) ctx.runtime.decidedDuringTraining?.splice(pending, 1);
      followModelStep(
        ctx,
        get,
        set,
        ctx.deps.workers.desk.unlearn().then((value) => ({ ok: true, value })),
        (detail) => message('unlearnFailed', { detail }),
      );
    },
  });

function readHistory(v: unknown): { items: HistoryItem[]; mapping: LabelMapping } | null {
  if (typeof v !== 'object' || v === null) return null;
  const { items, mapping } = v as { items?: unknown; mapping?: unknown };
  if (!Array.isArray(items)) return null;
  const valid = items.filter(
    (i): i is HistoryItem =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as HistoryItem).text === 'string' &&
      typeof (i as HistoryItem).origin === 'string',
  );
  return {
    items: valid,
    mapping: typeof mapping === 'object' && mapping !== null ? (mapping as LabelMapping) : {},
  };
}

function isSavedKey(v: unknown): v is SavedKey {
  return v === LOCAL_MODEL_KEY || v === HISTORY_KEY || v === COMPARISON_KEY;
}

/** Loads saved learning values; `replace` also clears what is no longer saved (another tab's reset). */
async function loadSaved(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  keys: readonly SavedKey[],
  replace: boolean,
  unusable: (detail: Message) => Message,
): Promise<void> {
  const db = ctx.runtime.db;
  if (!db) return;
  for (const key of keys) {
    const value = await db.getMeta(key);
    if (key === HISTORY_KEY) {
      const restored = readHistory(value) ?? (replace ? { items: [], mapping: {} } : null);
      if (restored) {
        patch(get, set, {
          history: restored.items,
          mapping: restored.mapping,
          ...summarise(restored.items, restored.mapping),
        });
      }
    } else if (key === COMPARISON_KEY) {
      if (value && typeof value === 'object') {
        patch(get, set, { comparison: value as MeasuredComparison });
      } else if (replace) patch(get, set, { comparison: null });
    } else if ((value !== undefined && value !== null) || replace) {
      const file = value === undefined || value === null ? null : (value as ModelFile);
      const step = await ctx.deps.workers.desk.useLocalModel(file);
      if (step.ok) patch(get, set, { local: step.value });
      else tell(get, set, 'error', unusable(step.problem));
    }
  }
}

/** At start-up: puts the saved local model back in use and restores the history and figures. */
export async function restoreLearning(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
): Promise<void> {
  try {
    await loadSaved(
      ctx,
      get,
      set,
      [HISTORY_KEY, COMPARISON_KEY, LOCAL_MODEL_KEY],
      false,
      (detail) => message('savedModelUnusable', { detail }),
    );
  } catch (e) {
    tell(get, set, 'error', message('savedModelUnusable', { detail: detailOf(e) }));
  }
}

/** Another tab changed a learning value: a model trained or reset there is used here too. */
export async function followRemoteLearning(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  key: string,
): Promise<void> {
  if (!isSavedKey(key)) return;
  try {
    await loadSaved(ctx, get, set, [key], true, (detail) =>
      message('remoteModelUnusable', { detail }),
    );
    if (key === LOCAL_MODEL_KEY) void rescorePending(ctx, get, set);
  } catch (e) {
    tell(get, set, 'error', message('remoteModelUnusable', { detail: detailOf(e) }));
  }
}
