/**
 * The desk's notices as the store holds them: ids in arrival order and records by id. Pure, so every
 * store action computes its next collection here and sets it once.
 */
import type { NoticeRecord } from './record';

export interface Collection {
  readonly ids: readonly string[];
  readonly byId: ReadonlyMap<string, NoticeRecord>;
}

/** Records put in place (replacing the same id) or appended in arrival order; the input is unchanged. */
export function withRecords(desk: Collection, records: readonly NoticeRecord[]): Collection {
  if (records.length === 0) return desk;
  const byId = new Map(desk.byId);
  const added: string[] = [];
  for (const r of records) {
    if (!byId.has(r.id)) added.push(r.id);
    byId.set(r.id, r);
  }
  return { ids: added.length > 0 ? [...desk.ids, ...added] : desk.ids, byId };
}

/** The records whose ids the desk does not hold yet, each id once (the first wins). */
export function newOnly(desk: Collection, records: readonly NoticeRecord[]): NoticeRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    if (seen.has(r.id) || desk.byId.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}

/**
 * The arrival time (ms since the epoch) of the first of several notices added now, after `last` (the
 * newest notice the desk holds): the next ones take one millisecond each after it. Never before
 * `last`, so storage, which knows no other order, gives notices back in upload order after a reload
 * even when a whole batch arrives within one tick of the clock.
 */
export function firstArrival(now: Date, last: string | undefined): number {
  const after = last === undefined ? Number.NaN : Date.parse(last);
  return Number.isNaN(after) ? now.getTime() : Math.max(now.getTime(), after + 1);
}
