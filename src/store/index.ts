/** The desk's store: its factory, its React binding and the types the UI reads. */
export { createDeskStore, type DeskStore } from './create';
export type { DeskDeps, Clock } from './deps';
export type {
  DeskState,
  IntakeError,
  Language,
  LearningState,
  QueueColumns,
  ResumeResult,
  Settings,
} from './types';
export { DeskProvider, useDesk, useDeskStore, useProgress, useVisibleIds } from './react';
