/** What the clerk must know about the desk's storage and model. */
import type { Slice, SystemSlice } from './types';

export const createSystemSlice: Slice<SystemSlice> = (set, get) => ({
  storage: { status: 'ok', message: null },
  model: { status: 'loading', info: null, message: null },
  dismissConflict() {
    if (get().storage.status === 'conflict') set({ storage: { status: 'ok', message: null } });
  },
});
