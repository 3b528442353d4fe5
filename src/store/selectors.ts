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

export function selectProgress(s: DeskState): { done: number; total: number } {
  let done = 0;
  for (const r of s.byId.values()) if (r.decision !== null) done++;
  return { done, total: s.ids.length };
}
