/** Derived views of the store, memoised so components re-render only when their input changes. */
import { queueOrder } from '../domain/desk/queue';
import type { DeskState } from './types';

let lastInput: readonly unknown[] = [];
let lastOutput: readonly string[] = [];

/** The queue's ids after filter and sort; the same array while ids, records, filter and sort are. */
export function selectVisibleIds(s: DeskState): readonly string[] {
  const input = [s.ids, s.byId, s.filter, s.sort];
  if (input.every((v, i) => v === lastInput[i])) return lastOutput;
  lastInput = input;
  lastOutput = queueOrder(s.ids, s.byId, s.filter, s.sort);
  return lastOutput;
}

let progressOf: DeskState['byId'] | null = null;
let decided = 0;

/** Decided and total notices; the count is redone only when the records change, not on every update. */
export function selectProgress(s: DeskState): { done: number; total: number } {
  if (s.byId !== progressOf) {
    progressOf = s.byId;
    decided = 0;
    for (const r of s.byId.values()) if (r.decision !== null) decided++;
  }
  return { done: decided, total: s.ids.length };
}
