/**
 * What a desk store is built from: its storage, its workers, its clock and its way to save a file.
 * The app gives the browser's (IndexedDB, Web Workers, Date, a download link); a test gives
 * fake-indexeddb, the worker code run in-process, a fixed clock and a list of saved files.
 */
import type { Opened } from '../lib/db';
import type { DownloadFile } from '../lib/download';
import type { TeamDeps } from '../lib/team';
import type { DeskWorkers } from '../workers/protocol';

export interface Clock {
  now(): Date;
}

export interface DeskDeps {
  /** Opens the desk's storage (once, at start); the store works in memory when it cannot. */
  readonly db: () => Promise<Opened>;
  readonly workers: DeskWorkers;
  readonly clock: Clock;
  /** Hands a generated file (an export, the local model) to the clerk. */
  readonly download: (file: DownloadFile) => void;
  /** Team mode's adapters, loaded on demand (a chunk of their own); absent: no team mode. */
  readonly team?: () => Promise<TeamDeps>;
}
