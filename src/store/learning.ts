/**
 * Learning from the office's own work: a labelled history imported for training, the local model
 * (trained in a worker on top of the shipped model, then taught every decision at once), the
 * shipped-vs-local cross-validation, and the local model's file. The local model, the history and
 * the last figures are kept in IndexedDB ('meta'), so a reload finds them.
 */
import type { ModelFile } from '../domain/classifier';
import type { NoticeRecord, SuggestedTopic } from '../domain/desk/record';
import { extensionOf } from '../domain/intake/decode';
import {
  chunks,
  historyFromCsv,
  historyFromJsonl,
  historyFromNotice,
  labelDistribution,
  labelHistory,
  mappingKey,
  rescoreOrder,
  trainingSet,
  type HistoryError,
  type HistoryItem,
  type HistoryRead,
  type LabelMapping,
} from '../domain/learning';
import { downloadChunks } from '../lib/download';
import { CancelledError, runLearnTask, shippedModelUrl, type LearnTask } from '../lib/learn-worker';
import { readImportFile, readNoticeFile } from '../lib/read-file';
import type { Provenance } from '../workers/learning';
import type { TrainingExample } from '../workers/learn-protocol';
import { selectVisibleIds } from './selectors';
import { services } from './services';
import type { DeskState, LearningSlice, LearningState, MeasuredComparison, Slice } from './types';

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

type Set = (partial: Partial<DeskState>) => void;
type Get = () => DeskState;

let task: LearnTask | null = null;
let importCancelled = false;
let rescoreGeneration = 0;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** Decisions made while a full training runs: taught to the new model once it arrives. */
let decidedDuringTraining: string[] | null = null;
/** Tells the desk's other tabs that a learning value changed, so no tab saves over a newer model. */
const CHANNEL = 'notice-topic-desk-learning';
let channel: BroadcastChannel | null = null;

function summarise(
  history: readonly HistoryItem[],
  mapping: LabelMapping,
): Pick<LearningState, 'labelled' | 'distribution'> {
  const labelled = labelHistory(history, mapping);
  return { labelled, distribution: labelDistribution(labelled.examples) };
}

const EMPTY = summarise([], {});

function patch(get: Get, set: Set, part: Partial<LearningState>): void {
  set({ learning: { ...get().learning, ...part } });
}

function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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

async function saveMeta(get: Get, set: Set, key: string, value: unknown): Promise<void> {
  const db = services.db;
  if (!db) return;
  try {
    await db.putMeta(key, value);
    channel?.postMessage({ key });
  } catch (e) {
    patch(get, set, { message: { kind: 'error', text: `未能保存到浏览器存储：${failure(e)}` } });
  }
}

function saveHistory(get: Get, set: Set): Promise<void> {
  const { history, mapping } = get().learning;
  return saveMeta(get, set, HISTORY_KEY, { items: history, mapping });
}

function examplesFor(get: Get): TrainingExample[] {
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
async function rescorePending(get: Get, set: Set): Promise<void> {
  const worker = services.worker;
  if (!worker) return;
  const generation = ++rescoreGeneration;
  const state = get();
  const visible = selectVisibleIds(state);
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
      fresh = await worker.rescore(records.map((r) => r.text));
    } catch (e) {
      patch(get, set, { message: { kind: 'error', text: `重新计算建议失败：${failure(e)}` } });
      return;
    }
    if (generation !== rescoreGeneration) return;
    const byId = new Map(get().byId);
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
    set({ byId, learning: { ...get().learning, rescored: { done, total: ids.length } } });
    const db = services.db;
    if (db) {
      for (const r of toStore) {
        try {
          await db.putIfUnchanged(r);
        } catch {
          // The suggestion is shown; the stored one is only older, and is recomputed next time.
        }
      }
    }
  }
}

function scheduleSave(get: Get, set: Set): void {
  if (saveTimer !== null) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = null;
    const worker = services.worker;
    if (!worker) return;
    worker.exportLocalModel().then(
      // null after undoing every learnt decision: the shipped model is in use again.
      (file) => void saveMeta(get, set, LOCAL_MODEL_KEY, file ?? undefined),
      (e: unknown) =>
        patch(get, set, { message: { kind: 'error', text: `未能保存本地模型：${failure(e)}` } }),
    );
  }, SAVE_DELAY_MS);
}

/** Puts a model file in use in the worker, stores it and re-scores the pending notices. */
async function applyModelFile(get: Get, set: Set, file: ModelFile | null): Promise<void> {
  const worker = services.worker;
  if (!worker) throw new Error('后台处理尚未启动，请刷新页面');
  const local = await worker.useLocalModel(file);
  patch(get, set, { local });
  await saveMeta(get, set, LOCAL_MODEL_KEY, file ?? undefined);
  void rescorePending(get, set);
}

async function runTask(
  get: Get,
  set: Set,
  kind: 'train' | 'compare',
  start: (onProgress: (done: number, total: number) => void) => LearnTask,
): Promise<Awaited<LearnTask['result']> | null> {
  task?.cancel();
  patch(get, set, { task: { kind, done: 0, total: 0 }, message: null });
  const current = start((done, total) => patch(get, set, { task: { kind, done, total } }));
  task = current;
  try {
    return await current.result;
  } catch (e) {
    patch(get, set, {
      message:
        e instanceof CancelledError
          ? {
              kind: 'info',
              text: kind === 'train' ? '已取消训练，本地模型未改变。' : '已取消交叉验证。',
            }
          : { kind: 'error', text: `${kind === 'train' ? '训练' : '交叉验证'}失败：${failure(e)}` },
    });
    return null;
  } finally {
    if (task === current) {
      task = null;
      patch(get, set, { task: null });
    }
  }
}

export const createLearningSlice: Slice<LearningSlice> = (set, get) => ({
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
  },

  async importHistory(files) {
    importCancelled = false;
    const errors: HistoryError[] = [];
    const items: HistoryItem[] = [];
    patch(get, set, { task: { kind: 'import', done: 0, total: files.length }, message: null });
    for (let at = 0; at < files.length && !importCancelled; at += FILE_CHUNK) {
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
    const { history, mapping } = get().learning;
    const known = new Set(history.map((h) => h.text));
    const fresh = items.filter((i) => !known.has(i.text) && (known.add(i.text), true));
    const next = [...history, ...fresh];
    const summary = summarise(next, mapping);
    const duplicates = items.length - fresh.length;
    patch(get, set, {
      history: next,
      ...summary,
      importErrors: errors,
      task: null,
      message: {
        kind: 'info',
        text:
          (importCancelled ? '导入已取消：已读取的部分保留。' : '') +
          `读取 ${items.length} 条，新增 ${fresh.length} 条` +
          (duplicates > 0 ? `（${duplicates} 条重复，未重复加入）` : '') +
          `；可用于训练 ${summary.labelled.examples.length} 条。`,
      },
    });
    await saveHistory(get, set);
    if (!importCancelled && fresh.length > 0 && summary.labelled.examples.length > 0) {
      await get().trainLocalModel();
    }
  },

  cancelLearningTask() {
    importCancelled = true;
    task?.cancel();
  },

  mapLabel(raw, path) {
    const { history, mapping } = get().learning;
    const next = { ...mapping, [mappingKey(raw)]: path };
    patch(get, set, { mapping: next, ...summarise(history, next) });
    void saveHistory(get, set);
  },

  async trainLocalModel() {
    const examples = examplesFor(get);
    if (examples.length === 0) {
      patch(get, set, {
        message: {
          kind: 'error',
          text: '没有可用于训练的已标注公文：请先导入带主题分类的历史公文，或确认几条公文。',
        },
      });
      return;
    }
    decidedDuringTraining = [];
    const done = await runTask(get, set, 'train', (onProgress) =>
      runLearnTask(
        {
          type: 'train',
          modelUrl: shippedModelUrl(),
          examples,
          createdAt: new Date().toISOString(),
        },
        onProgress,
      ),
    );
    const later = decidedDuringTraining;
    decidedDuringTraining = null;
    if (!done || done.type !== 'trained') return;
    try {
      await applyModelFile(get, set, done.file);
      const worker = services.worker;
      for (const id of later) {
        const r = get().byId.get(id);
        if (worker && r?.decision)
          patch(get, set, { local: await worker.learn(r.text, r.decision.path) });
      }
      if (later.length > 0) scheduleSave(get, set);
      patch(get, set, {
        trainMs: done.ms,
        message: {
          kind: 'info',
          text: `本地模型已训练：${examples.length} 条已标注公文，用时 ${(done.ms / 1000).toFixed(1)} 秒。`,
        },
      });
    } catch (e) {
      patch(get, set, { message: { kind: 'error', text: `本地模型无法启用：${failure(e)}` } });
    }
  },

  async compareModels(k = 5) {
    const examples = examplesFor(get);
    if (examples.length < 10) {
      patch(get, set, {
        message: {
          kind: 'error',
          text: `交叉验证至少需要 10 条已标注公文，目前只有 ${examples.length} 条。`,
        },
      });
      return;
    }
    const done = await runTask(get, set, 'compare', (onProgress) =>
      runLearnTask({ type: 'compare', modelUrl: shippedModelUrl(), examples, k }, onProgress),
    );
    if (!done || done.type !== 'compared') return;
    const comparison: MeasuredComparison = {
      value: done.value,
      available: done.available,
      ms: done.ms,
      at: new Date().toISOString(),
    };
    patch(get, set, { comparison });
    await saveMeta(get, set, COMPARISON_KEY, comparison);
  },

  async exportLocalModel() {
    try {
      const file = await services.worker?.exportLocalModel();
      if (!file) {
        patch(get, set, {
          message: { kind: 'error', text: '还没有本地模型：目前使用的是随附模型。' },
        });
        return;
      }
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      downloadChunks(`本地模型-${day}.json`, [JSON.stringify(file)], 'application/json');
    } catch (e) {
      patch(get, set, { message: { kind: 'error', text: `导出本地模型失败：${failure(e)}` } });
    }
  },

  async importLocalModel(file) {
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      patch(get, set, {
        message: { kind: 'error', text: `文件“${file.name}”不是有效的 JSON，无法作为模型导入。` },
      });
      return;
    }
    try {
      await applyModelFile(get, set, json as ModelFile);
      patch(get, set, { message: { kind: 'info', text: `已导入本地模型“${file.name}”。` } });
    } catch (e) {
      patch(get, set, {
        message: { kind: 'error', text: `无法导入“${file.name}”：${failure(e)}` },
      });
    }
  },

  async resetLocalModel() {
    try {
      await applyModelFile(get, set, null);
      patch(get, set, { message: { kind: 'info', text: '已恢复为随附模型。' } });
    } catch (e) {
      patch(get, set, { message: { kind: 'error', text: `恢复随附模型失败：${failure(e)}` } });
    }
  },

  async clearHistory() {
    patch(get, set, { history: [], mapping: {}, ...EMPTY, importErrors: [], comparison: null });
    await saveMeta(get, set, HISTORY_KEY, undefined);
    await saveMeta(get, set, COMPARISON_KEY, undefined);
  },

  learnDecision(id) {
    const record = get().byId.get(id);
    const worker = services.worker;
    if (!record?.decision || !worker) return;
    decidedDuringTraining?.push(id);
    followModelStep(get, set, worker.learn(record.text, record.decision.path), '学习');
  },

  unlearnDecision(id) {
    const worker = services.worker;
    if (!worker) return;
    const pending = decidedDuringTraining?.lastIndexOf(id) ?? -1;
    if (pending >= 0) decidedDuringTraining?.splice(pending, 1);
    followModelStep(get, set, worker.unlearn(), '撤销');
  },
});

/** After the local model learnt or unlearnt one decision: show it, save it soon, re-score pending. */
function followModelStep(
  get: Get,
  set: Set,
  step: Promise<Provenance | null>,
  verb: '学习' | '撤销',
): void {
  step.then(
    (local) => {
      patch(get, set, { local });
      scheduleSave(get, set);
      void rescorePending(get, set);
    },
    (e: unknown) =>
      patch(get, set, {
        message: { kind: 'error', text: `本地模型未能${verb}这条决定：${failure(e)}` },
      }),
  );
}

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

type SavedKey = typeof LOCAL_MODEL_KEY | typeof HISTORY_KEY | typeof COMPARISON_KEY;

/** Loads saved learning values; `replace` also clears what is no longer saved (another tab's reset). */
async function loadSaved(
  get: Get,
  set: Set,
  keys: readonly SavedKey[],
  replace: boolean,
): Promise<void> {
  const db = services.db;
  const worker = services.worker;
  if (!db || !worker) return;
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
    } else if (value !== undefined && value !== null) {
      patch(get, set, { local: await worker.useLocalModel(value as ModelFile) });
    } else if (replace) {
      patch(get, set, { local: await worker.useLocalModel(null) });
    }
  }
}

function isSavedKey(v: unknown): v is SavedKey {
  return v === LOCAL_MODEL_KEY || v === HISTORY_KEY || v === COMPARISON_KEY;
}

/**
 * At start-up: puts the saved local model back in use and restores the history and figures; then
 * follows the other tabs' changes (a model trained or reset there is used here too).
 */
export async function restoreLearning(get: Get, set: Set): Promise<void> {
  try {
    await loadSaved(get, set, [HISTORY_KEY, COMPARISON_KEY, LOCAL_MODEL_KEY], false);
  } catch (e) {
    patch(get, set, {
      message: { kind: 'error', text: `已保存的本地模型无法载入，暂用随附模型：${failure(e)}` },
    });
  }
  if (typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener('message', (e: MessageEvent<unknown>) => {
    const key = (e.data as { key?: unknown } | null)?.key;
    if (!isSavedKey(key)) return;
    loadSaved(get, set, [key], true).then(
      () => {
        if (key === LOCAL_MODEL_KEY) void rescorePending(get, set);
      },
      (error: unknown) =>
        patch(get, set, {
          message: {
            kind: 'error',
            text: `另一个标签页更新了本地模型，但本页未能载入：${failure(error)}`,
          },
        }),
    );
  });
}
