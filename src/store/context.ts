/**
 * What every slice of one store shares besides its state: the dependencies it was built with, the
 * storage once opened, its memoised selectors, and the bookkeeping of long tasks (cancel flags, the
 * running training, the pending save). One per store: two stores (two tabs in a test) share nothing.
 */
import type { DeskDb } from '../lib/db';
import type { LearnTask } from '../workers/protocol';
import type { DeskDeps } from './deps';
import type { DeskSelectors } from './selectors';
import type { DeskState } from './types';

export interface StoreRuntime {
  /** Set at start when storage opened; null while in memory only. */
  db: DeskDb | null;
  intakeCancelled: boolean;
  historyImportCancelled: boolean;
  learnTask: LearnTask | null;
  /** A newer re-score pass makes the older one stop. */
  rescoreGeneration: number;
  saveTimer: ReturnType<typeof setTimeout> | null;
  /** The save the timer will start: flushPending starts it at once. */
  deferredSave: (() => Promise<void>) | null;
  /** Writes under way (see pending.ts). */
  pending: Set<Promise<void>>;
  /** Decisions made while a full training runs: taught to the new model once it arrives. */
  decidedDuringTraining: string[] | null;
  /** Stops following other tabs. */
  unsubscribe: (() => void) | null;
}

export interface StoreContext {
  readonly deps: DeskDeps;
  readonly runtime: StoreRuntime;
  readonly selectors: DeskSelectors;
}

export type SetState = (partial: Partial<DeskState>) => void;
export type GetState = () => DeskState;
