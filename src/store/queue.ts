/** The queue's search, status filter and order. */
import { DEFAULT_FILTER, DEFAULT_SORT } from '../domain/desk/queue';
import type { QueueSlice, Slice } from './types';

export const createQueueSlice: Slice<QueueSlice> = (set, get) => ({
  filter: DEFAULT_FILTER,
  sort: DEFAULT_SORT,
  setFilter(filter) {
    set({ filter: { ...get().filter, ...filter } });
  },
  setSort(sort) {
    set({ sort });
  },
});
