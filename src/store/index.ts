/** The desk's one store, built from typed slices; components read it through narrow selectors. */
import { create } from 'zustand';
import { createExportSlice } from './exporting';
import { createLearningSlice } from './learning';
import { createNoticesSlice } from './notices';
import { createQueueSlice } from './queue';
import { createReviewSlice } from './review';
import { createSettingsSlice } from './settings';
import { createSystemSlice } from './system';
import type { DeskState } from './types';

export const useDesk = create<DeskState>()((...a) => ({
  ...createNoticesSlice(...a),
  ...createReviewSlice(...a),
  ...createQueueSlice(...a),
  ...createSettingsSlice(...a),
  ...createExportSlice(...a),
  ...createLearningSlice(...a),
  ...createSystemSlice(...a),
}));

export type { DeskState } from './types';
