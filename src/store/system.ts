/**
 * Starting and stopping the desk, and what the clerk must know about its storage and model. Start
 * opens storage and loads the saved notices (the UI waits for this, so nothing is shown or
 * overwritten before), loads the model in the worker, and follows the other tabs' changes.
 */
import { withRecords } from '../domain/desk/collection';
import { sameDecision } from '../domain/desk/decide';
import { isNewer } from '../domain/desk/merge';
import { message } from '../domain/message';
import type { RemoteChange } from '../lib/db';
import type { GetState, SetState, StoreContext } from './context';
import { followRemoteLearning, restoreLearning } from './learning';
import { reportStorage } from './notices';
import { flushPending } from './pending';
import { readSettings } from './settings';
import type { Slice, SystemSlice } from './types';

/** Another tab wrote notices: show its versions; tell the clerk when it decided the one on screen. */
async function followRemoteRecords(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  ids: readonly string[],
): Promise<void> {
  const db = ctx.runtime.db;
  if (!db) return;
  try {
    const stored = await db.get(ids);
    const s = get();
    // Only newer versions: this tab's own change of the same revision is being saved, and its
    // write (rebased, or refused as a conflict) decides what is shown.
    const records = stored.filter((r) => isNewer(r, s.byId.get(r.id)));
    const selected = s.selectedId === null ? undefined : s.byId.get(s.selectedId);
    const changed = records.find((r) => r.id === selected?.id);
    // A re-score in another tab changes only suggestions; the clerk is told of decisions.
    const decidedElsewhere =
      changed !== undefined &&
      selected !== undefined &&
      !sameDecision(changed.decision, selected.decision);
    set({
      ...withRecords(s, records),
      ...(decidedElsewhere
        ? { storage: { status: 'conflict', problem: message('conflictLoaded') } }
        : {}),
    });
  } catch (e) {
    reportStorage(set, e);
  }
}

export const createSystemSlice =
  (ctx: StoreContext): Slice<SystemSlice> =>
  (set, get) => ({
    storage: { status: 'ok', problem: null },
    model: { status: 'loading', info: null, problem: null },

    async start() {
      void ctx.deps.workers.desk.loadModel().then(
        (status) =>
          set({
            model: status.ok
              ? { status: 'ready', info: status.info, problem: null }
              : { status: 'error', info: null, problem: status.problem },
          }),
        (e: unknown) =>
          set({
            model: {
              status: 'error',
              info: null,
              problem: message('workerFailed', { detail: String(e) }),
            },
          }),
      );
      const opened = await ctx.deps.db();
      if (!opened.ok) {
        set({
          hydrated: true,
          storage: { status: opened.problem.kind, problem: opened.problem.problem },
        });
        return;
      }
      const { db, warning } = opened;
      ctx.runtime.db = db;
      try {
        const loaded = await db.loadAll();
        set({
          ...withRecords(get(), loaded.records),
          settings: readSettings(loaded.settings),
          hydrated: true,
          ...(warning ? { storage: { status: warning.kind, problem: warning.problem } } : {}),
        });
      } catch (e) {
        reportStorage(set, e);
        set({ hydrated: true });
      }
      void restoreLearning(ctx, get, set);
      ctx.runtime.unsubscribe = db.onRemoteChange((change: RemoteChange) => {
        if (change.kind === 'records') void followRemoteRecords(ctx, get, set, change.ids);
        else void followRemoteLearning(ctx, get, set, change.key);
      });
    },

    stop() {
      ctx.runtime.unsubscribe?.();
      ctx.runtime.unsubscribe = null;
      ctx.runtime.learnTask?.cancel();
      if (ctx.runtime.saveTimer !== null) clearTimeout(ctx.runtime.saveTimer);
      ctx.runtime.saveTimer = null;
      ctx.runtime.deferredSave = null;
      ctx.runtime.db?.close();
      ctx.runtime.db = null;
      ctx.deps.workers.close();
    },

    saving: false,

    flush() {
      return flushPending(ctx, get, set);
    },

    dismissConflict() {
      if (get().storage.status === 'conflict') set({ storage: { status: 'ok', problem: null } });
    },
  });
