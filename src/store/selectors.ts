/**
 * Derived views of the store, memoised per store so components re-render only when their input
 * changes and the 10,000-row queue is sorted once per change, not once per reader.
 */
import { createQueueIndex, filteredIds, sortedIds, warmSortKeys } from '../domain/desk/queue';
import { decidedCount } from '../domain/desk/record';
import type { DeskState } from './types';

export interface DeskSelectors {
  /** The queue's ids after filter and sort; the same array while ids, records, filter and sort are. */
  visibleIds(s: DeskState): readonly string[];
  /** Decided and total notices; counted again only when the records change. */
  progress(s: DeskState): { readonly done: number; readonly total: number };
}

export function createSelectors(): DeskSelectors {
  const index = createQueueIndex();
  let sortedInput: readonly unknown[] = [];
  let sorted: readonly string[] = [];
  let visibleInput: readonly unknown[] = [];
  let visible: readonly string[] = [];
  let progressInput: readonly unknown[] = [];
  let progress = { done: 0, total: 0 };
  return {
    visibleIds(s) {
      // Sorted once per (notices, sort), filtered once per (sorted, filter): typing in the search
      // box never sorts, and a sort click never rebuilds search text.
      const sortInput = [s.ids, s.byId, s.sort];
      if (!sortInput.every((v, i) => v === sortedInput[i])) {
        // New notices' titles are put in collation order as they arrive (a batch at a time), so the
        // first click on the title header sorts numbers, not 10,000 strings.
        if (s.ids !== sortedInput[0]) warmSortKeys(s.ids, s.byId, 'title', index);
        sortedInput = sortInput;
        sorted = sortedIds(s.ids, s.byId, s.sort, index);
      }
      const input = [sorted, s.filter];
      if (!input.every((v, i) => v === visibleInput[i])) {
        visibleInput = input;
        visible = filteredIds(sorted, s.byId, s.filter, index);
      }
      return visible;
    },
    progress(s) {
      const input = [s.ids, s.byId];
      if (!input.every((v, i) => v === progressInput[i])) {
        progressInput = input;
        progress = { done: decidedCount(s.byId.values()), total: s.ids.length };
      }
      return progress;
    },
  };
}
