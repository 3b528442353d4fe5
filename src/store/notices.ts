/**
 * The notices on the desk: intake (paste, files, a desk JSONL), decisions and undo. Every change is
 * written to IndexedDB at once; a write that fails keeps the change in memory and tells the clerk.
 */
import { newRecord } from '../domain/desk/analyse';
import { decisionFor, rebaseDecision, withDecision } from '../domain/desk/decide';
import { preferImported } from '../domain/desk/merge';
import type { NoticeRecord } from '../domain/desk/record';
import { parseDeskJsonl } from '../domain/export/jsonl';
import { checkPaste } from '../domain/intake/paste';
import { storageProblem } from '../lib/db';
import { readImportFile, readNoticeFile } from '../lib/read-file';
import { services } from './services';
import type { DeskState, IntakeError, NoticesSlice, Slice } from './types';

/** Files read, parsed and classified per step: small enough that progress moves and cancel is quick. */
const CHUNK = 25;
const PASTE = '粘贴';

interface Incoming {
  readonly text: string;
  readonly source: NoticeRecord['source'];
}

type Set = (partial: Partial<DeskState>) => void;
type Get = () => DeskState;

/** The decisions that can be undone, newest last: the record as it was before each. */
const undoStack: NoticeRecord[] = [];
let cancelled = false;

export function reportStorage(set: Set, error: unknown): void {
  const problem = storageProblem(error);
  set({ storage: { status: problem.kind, message: problem.message } });
}

/** Adds records to the state (those not already there), in one set. */
function addToState(get: Get, set: Set, records: readonly NoticeRecord[]): NoticeRecord[] {
  const { ids, byId } = get();
  const fresh = records.filter((r) => !byId.has(r.id));
  if (fresh.length === 0) return fresh;
  const next = new Map(byId);
  for (const r of fresh) next.set(r.id, r);
  set({ ids: [...ids, ...fresh.map((r) => r.id)], byId: next });
  return fresh;
}

export function replaceInState(get: Get, set: Set, records: readonly NoticeRecord[]): void {
  if (records.length === 0) return;
  const { ids, byId } = get();
  const next = new Map(byId);
  const added: string[] = [];
  for (const r of records) {
    if (!next.has(r.id)) added.push(r.id);
    next.set(r.id, r);
  }
  set({ byId: next, ids: added.length ? [...ids, ...added] : ids });
}

/** Parses, classifies, stores and shows a batch of texts; returns how many were new. */
async function ingest(
  get: Get,
  set: Set,
  items: readonly Incoming[],
): Promise<{ added: NoticeRecord[]; duplicates: number }> {
  if (items.length === 0) return { added: [], duplicates: 0 };
  const worker = services.worker;
  if (!worker) throw new Error('后台处理尚未启动，请刷新页面');
  const analyses = await worker.analyse(items.map((i) => i.text));
  const now = new Date().toISOString();
  const seen = new Set<string>();
  const records: NoticeRecord[] = [];
  analyses.forEach((a, i) => {
    const item = items[i];
    if (!item || seen.has(a.id) || get().byId.has(a.id)) return;
    seen.add(a.id);
    records.push(newRecord(item.text, a, item.source, now));
  });
  const added = addToState(get, set, records);
  if (added.length > 0 && services.db) {
    try {
      await services.db.addRecords(added);
    } catch (e) {
      reportStorage(set, e);
    }
  }
  return { added, duplicates: items.length - added.length };
}

export const createNoticesSlice: Slice<NoticesSlice> = (set, get) => ({
  hydrated: false,
  ids: [],
  byId: new Map(),
  intake: { running: false, done: 0, total: 0, errors: [] },
  canUndo: false,

  async addPaste(text) {
    const check = checkPaste(text);
    if (!check.ok) {
      return {
        added: 0,
        duplicates: 0,
        errors: [{ name: PASTE, reason: check.reason }],
        firstId: null,
      };
    }
    try {
      const { added, duplicates } = await ingest(get, set, [
        { text: check.text, source: { kind: 'paste', name: null } },
      ]);
      return { added: added.length, duplicates, errors: [], firstId: added[0]?.id ?? null };
    } catch (e) {
      const reason = `无法解析这段内容：${e instanceof Error ? e.message : String(e)}`;
      return { added: 0, duplicates: 0, errors: [{ name: PASTE, reason }], firstId: null };
    }
  },

  async addFiles(files) {
    cancelled = false;
    const errors: IntakeError[] = [];
    let added = 0;
    let duplicates = 0;
    let firstId: string | null = null;
    set({ intake: { running: true, done: 0, total: files.length, errors: [] } });
    for (let at = 0; at < files.length && !cancelled; at += CHUNK) {
      const chunk = files.slice(at, at + CHUNK);
      const items: Incoming[] = [];
      for (const file of chunk) {
        const read = await readNoticeFile(file);
        if (read.ok) items.push({ text: read.text, source: { kind: 'file', name: file.name } });
        else errors.push({ name: file.name, reason: read.reason });
      }
      try {
        const result = await ingest(get, set, items);
        added += result.added.length;
        duplicates += result.duplicates;
        firstId ??= result.added[0]?.id ?? null;
      } catch (e) {
        const reason = `无法解析：${e instanceof Error ? e.message : String(e)}`;
        errors.push(...items.map((i) => ({ name: i.source.name ?? PASTE, reason })));
      }
      set({
        intake: {
          running: true,
          done: Math.min(files.length, at + chunk.length),
          total: files.length,
          errors: [...errors],
        },
      });
    }
    if (cancelled) {
      errors.push({
        name: '导入已取消',
        reason: `已导入的 ${added} 条保留；其余文件未导入，可重新选择它们继续（不会重复）。`,
      });
    }
    set({ intake: { running: false, done: 0, total: 0, errors } });
    return { added, duplicates, errors, firstId };
  },

  cancelIntake() {
    cancelled = true;
  },

  dismissIntakeErrors() {
    set({ intake: { ...get().intake, errors: [] } });
  },

  decide(id, path) {
    const before = get().byId.get(id);
    if (!before) return;
    const after = withDecision(before, decisionFor(before, path, new Date().toISOString()));
    undoStack.push(before);
    replaceInState(get, set, [after]);
    set({ canUndo: true });
    void persistChange(get, set, before, after);
    get().learnDecision(id);
  },

  undo() {
    const before = undoStack.pop();
    set({ canUndo: undoStack.length > 0 });
    if (!before) return;
    const now = get().byId.get(before.id);
    if (!now) return;
    const restored: NoticeRecord = { ...before, rev: now.rev + 1 };
    replaceInState(get, set, [restored]);
    if (now.decision !== null) get().unlearnDecision(before.id);
    get().select(before.id);
    void persistChange(get, set, now, restored);
  },

  async importDeskJsonl(file) {
    const decoded = await readImportFile(file);
    if (!decoded.ok) {
      set({ intake: { ...get().intake, errors: [{ name: file.name, reason: decoded.reason }] } });
      return;
    }
    const parsed = parseDeskJsonl(decoded.text);
    const errors = parsed.errors.map((e) => ({
      name: `${file.name} 第 ${e.line} 行`,
      reason: e.reason,
    }));
    const { byId } = get();
    const taken = parsed.records.filter((r) => preferImported(byId.get(r.id), r));
    replaceInState(get, set, taken);
    set({ intake: { ...get().intake, errors } });
    if (taken.length > 0 && services.db) {
      try {
        await services.db.putRecords(taken);
      } catch (e) {
        reportStorage(set, e);
      }
    }
  },
});

/** A background re-score elsewhere can race a decision a few times at most; past that, it is a conflict. */
const REBASE_ATTEMPTS = 3;

/**
 * Writes a changed record over the revision this tab saw (`base`). If another tab only re-scored the
 * notice meanwhile, the change is applied on top of its version; if it decided the notice, its
 * version wins, is shown, and the clerk is told.
 */
async function persistChange(
  get: Get,
  set: Set,
  base: NoticeRecord,
  record: NoticeRecord,
): Promise<void> {
  const db = services.db;
  if (!db) return;
  let attempt = record;
  try {
    for (let i = 0; i < REBASE_ATTEMPTS; i++) {
      const result = await db.putIfUnchanged(attempt);
      if (result.ok) {
        // Shown unless the clerk has changed the notice again meanwhile (that change follows).
        if (attempt !== record && get().byId.get(record.id) === record) {
          replaceInState(get, set, [attempt]);
        }
        return;
      }
      const rebased = rebaseDecision(result.stored, record, base);
      if (rebased === null) {
        replaceInState(get, set, [result.stored]);
        undoStack.length = 0;
        set({
          canUndo: false,
          storage: {
            status: 'conflict',
            message:
              '另一个标签页已修改同一条公文：本页的改动未保存，已载入另一个标签页的版本，请核对后重新决定。',
          },
        });
        return;
      }
      attempt = rebased;
    }
  } catch (e) {
    reportStorage(set, e);
  }
}
