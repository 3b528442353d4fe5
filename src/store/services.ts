/**
 * The desk's connections to the browser: its database and its worker. Set once at start-up;
 * until then (and in a browser without storage) the store works in memory.
 */
import type { DeskDb } from '../lib/db';
import type { DeskWorker } from '../lib/desk-worker';

export interface Services {
  db: DeskDb | null;
  worker: DeskWorker | null;
}

export const services: Services = { db: null, worker: null };
