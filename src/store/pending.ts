/**
 * Writes under way: decisions being saved, the local model's next save (waiting for the clerk to
 * pause, or running), the worker's learning that will change it. The desk says "saved" only when
 * none is left, and `flushPending` (called on pagehide) saves the model at once instead of waiting.
 */
import type { GetState, SetState, StoreContext } from './context';

/** An action that starts a write says so in its own single update: `set({ ...changes, ...SAVING })`. */
export const SAVING = { saving: true } as const;

function update(ctx: StoreContext, get: GetState, set: SetState): void {
  const saving = ctx.runtime.pending.size > 0 || ctx.runtime.saveTimer !== null;
  if (get().saving !== saving) set({ saving });
}

/** Counts `work` as pending until it settles; returns it. */
export function track<T>(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  work: Promise<T>,
): Promise<T> {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  ctx.runtime.pending.add(settled);
  update(ctx, get, set);
  void settled.then(() => {
    ctx.runtime.pending.delete(settled);
    update(ctx, get, set);
  });
  return work;
}

/** Sets a save to start once the clerk pauses (a newer one replaces it). */
export function deferSave(
  ctx: StoreContext,
  get: GetState,
  set: SetState,
  save: () => Promise<void>,
  delayMs: number,
): void {
  if (ctx.runtime.saveTimer !== null) clearTimeout(ctx.runtime.saveTimer);
  ctx.runtime.deferredSave = save;
  ctx.runtime.saveTimer = setTimeout(() => {
    ctx.runtime.saveTimer = null;
    ctx.runtime.deferredSave = null;
    void track(ctx, get, set, save());
  }, delayMs);
  update(ctx, get, set);
}

/** Resolves once every pending write has landed, starting a deferred save now rather than later. */
export async function flushPending(ctx: StoreContext, get: GetState, set: SetState): Promise<void> {
  for (;;) {
    const deferred = ctx.runtime.deferredSave;
    if (ctx.runtime.saveTimer !== null) clearTimeout(ctx.runtime.saveTimer);
    ctx.runtime.saveTimer = null;
    ctx.runtime.deferredSave = null;
    if (deferred) void track(ctx, get, set, deferred());
    if (ctx.runtime.pending.size === 0) {
      update(ctx, get, set);
      return;
    }
    // A settled write may have started another (learning → a deferred model save): go round again.
    await Promise.all(ctx.runtime.pending);
  }
}
