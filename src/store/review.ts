/** Which notice the clerk is reading, and its full classification from the worker. */
import { nextId } from '../domain/desk/queue';
import { selectVisibleIds } from './selectors';
import { services } from './services';
import type { ReviewSlice, Slice } from './types';

export const createReviewSlice: Slice<ReviewSlice> = (set, get) => ({
  selectedId: null,
  current: null,

  select(id) {
    if (id === get().selectedId && get().current !== null) return;
    const record = id === null ? undefined : get().byId.get(id);
    if (id === null || !record) {
      set({ selectedId: null, current: null });
      return;
    }
    const worker = services.worker;
    set({ selectedId: id, current: { id, pending: worker !== null, classification: null } });
    if (!worker) return;
    worker.explain(record.text).then(
      (classification) => {
        if (get().selectedId === id) set({ current: { id, pending: false, classification } });
      },
      () => {
        // The stored suggestions are still shown; only the evidence is missing.
        if (get().selectedId === id) set({ current: { id, pending: false, classification: null } });
      },
    );
  },

  selectNext() {
    const s = get();
    const id = nextId(selectVisibleIds(s), s.byId, s.selectedId, 1);
    if (id !== null) s.select(id);
  },

  selectPrevious() {
    const s = get();
    const id = nextId(selectVisibleIds(s), s.byId, s.selectedId, -1);
    if (id !== null) s.select(id);
  },
});
