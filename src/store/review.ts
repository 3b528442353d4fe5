/**
 * Which notice the clerk is reading, and how the worker read it: its parse (highlights, outline) and
 * its full classification (evidence). The worker parsed the notice when it arrived and keeps that
 * parse by id, so nothing parses the text again here. And what the picker searches besides the
 * taxonomy's names: the terms each class covers, fetched once.
 */
import { nextId } from '../domain/desk/queue';
import { loadTopicCoverage as fetchTopicCoverage } from '../domain/taxonomy';
import type { StoreContext } from './context';
import type { ReviewSlice, Slice } from './types';

export const createReviewSlice =
  (ctx: StoreContext): Slice<ReviewSlice> =>
  (set, get) => ({
    selectedId: null,
    current: null,
    topicCoverage: null,

    select(id) {
      const s = get();
      if (id === s.selectedId && s.current !== null) return;
      const record = id === null ? undefined : s.byId.get(id);
      if (id === null || !record) {
        set({ selectedId: null, current: null });
        return;
      }
      set({ selectedId: id, current: { id, pending: true, parsed: null, classification: null } });
      ctx.deps.workers.desk.explain({ id, text: record.text }).then(
        ({ parsed, classification }) => {
          if (get().selectedId === id) {
            set({ current: { id, pending: false, parsed, classification } });
          }
        },
        () => {
          // The text and the stored suggestions are still shown; only highlights and evidence are missing.
          if (get().selectedId === id) {
            set({ current: { id, pending: false, parsed: null, classification: null } });
          }
        },
      );
    },

    selectNext() {
      const s = get();
      const id = nextId(ctx.selectors.visibleIds(s), s.byId, s.selectedId, 1);
      if (id !== null) s.select(id);
    },

    selectPrevious() {
      const s = get();
      const id = nextId(ctx.selectors.visibleIds(s), s.byId, s.selectedId, -1);
      if (id !== null) s.select(id);
    },

    async explain(id) {
      const record = get().byId.get(id);
      if (!record) return null;
      const { classification } = await ctx.deps.workers.desk.explain({ id, text: record.text });
      return classification;
    },

    loadTopicCoverage() {
      if (get().topicCoverage) return;
      fetchTopicCoverage().then(
        (topicCoverage) => set({ topicCoverage }),
        // Names, aliases and initials still match; the picker's next opening tries again.
        () => undefined,
      );
    },
  });
