/**
 * The desk's store: one zustand store built from typed slices by `createDeskStore`, bound to the
 * storage, workers and clock it is given. No state lives in this module: the app builds one store,
 * a test builds as many as it likes (two on one database are two tabs).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoreContext } from './context';
import type { DeskDeps } from './deps';
import { createExportSlice } from './exporting';
import { createLearningSlice } from './learning';
import { createNoticesSlice } from './notices';
import { createQueueSlice } from './queue';
import { createReviewSlice } from './review';
import { createSelectors, type DeskSelectors } from './selectors';
import { createSettingsSlice } from './settings';
import { createSystemSlice } from './system';
import { createTeamSlice } from './team';
import type { DeskState } from './types';

export interface DeskStore extends StoreApi<DeskState> {
  /** Derived views, memoised for this store. */
  readonly selectors: DeskSelectors;
}

export function createDeskStore(deps: DeskDeps): DeskStore {
  const ctx: StoreContext = {
    deps,
    selectors: createSelectors(),
    runtime: {
      db: null,
      intakeCancelled: false,
      historyImportCancelled: false,
      learnTask: null,
      rescoreGeneration: 0,
      saveTimer: null,
      deferredSave: null,
      pending: new Set(),
      decidedDuringTraining: null,
      unsubscribe: null,
    },
  };
  const store = createStore<DeskState>()((...a) => ({
    ...createNoticesSlice(ctx)(...a),
    ...createReviewSlice(ctx)(...a),
    ...createQueueSlice(...a),
    ...createSettingsSlice(ctx)(...a),
    ...createExportSlice(ctx)(...a),
    ...createLearningSlice(ctx)(...a),
    ...createSystemSlice(ctx)(...a),
    ...createTeamSlice(ctx)(...a),
  }));
  return { ...store, selectors: ctx.selectors };
}
