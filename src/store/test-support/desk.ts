/**
 * Desk stores for tests: fake-indexeddb for storage (one factory is one browser profile: two stores
 * on it are two tabs), the workers' own code run in-process on a tiny model, a fixed clock, and the
 * downloads kept as text.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { serialiseModel, trainModel } from '../../domain/classifier';
import { TINY_PRIOR } from '../../domain/classifier/test-support/fixtures';
import { parseNotice } from '../../domain/notice';
import { openDeskDb, type DeskDb, type Opened } from '../../lib/db';
import { createDeskWorkerApi } from '../../workers/desk-api';
import { createLearnWorkerApi } from '../../workers/learn-api';
import { CancelledError, type DeskWorkers } from '../../workers/protocol';
import { createDeskStore, type DeskStore } from '../create';
import type { DeskDeps } from '../deps';

const MODEL_JSON = JSON.stringify(
  serialiseModel(trainModel([], { prior: TINY_PRIOR, metrics: { updates: 0 } })),
);

export interface TestWorkers extends DeskWorkers {
  /** Every text the desk worker parsed, in order. */
  readonly parsed: string[];
}

export function testWorkers(): TestWorkers {
  const parsed: string[] = [];
  const readModel = async (): Promise<unknown> => JSON.parse(MODEL_JSON);
  const desk = createDeskWorkerApi(readModel, {
    parse: (text) => {
      parsed.push(text);
      return parseNotice(text);
    },
  });
  const learn = createLearnWorkerApi(readModel);
  return {
    parsed,
    desk: { ...desk, loadModel: () => desk.loadModel('model.json') },
    // Two calls in flight, as on the smallest machine: the store's ordering is exercised.
    parallel: 2,
    runLearnTask(request, onProgress) {
      let cancel: () => void = () => undefined;
      const cancelled = new Promise<never>((_, reject) => {
        cancel = () => reject(new CancelledError());
      });
      return {
        result: Promise.race([learn.run('model.json', request, onProgress), cancelled]),
        cancel,
      };
    },
    close: () => undefined,
  };
}

export interface Downloaded {
  readonly name: string;
  readonly text: string;
}

export interface TestDesk {
  readonly store: DeskStore;
  readonly workers: TestWorkers;
  readonly downloads: Downloaded[];
}

/** A fresh database name: tests never see each other's data or channel messages. */
export function freshDatabase(): { readonly factory: IDBFactory; readonly name: string } {
  return { factory: new IDBFactory(), name: `desk-test-${crypto.randomUUID()}` };
}

export interface DeskOptions {
  readonly database?: { readonly factory: IDBFactory; readonly name: string };
  /** Changes the opened storage (a full disk, say). */
  readonly wrapDb?: (db: DeskDb) => DeskDb;
  readonly now?: string;
  /** Team mode's adapters (a fake server and storage). */
  readonly team?: DeskDeps['team'];
}

/** A started desk store (storage opened, saved notices loaded). */
export async function startDesk(options: DeskOptions = {}): Promise<TestDesk> {
  const database = options.database ?? freshDatabase();
  const workers = testWorkers();
  const downloads: Downloaded[] = [];
  const store = createDeskStore({
    db: async (): Promise<Opened> => {
      const opened = await openDeskDb(database);
      return opened.ok && options.wrapDb ? { ...opened, db: options.wrapDb(opened.db) } : opened;
    },
    workers,
    clock: { now: () => new Date(options.now ?? '2026-12-01T09:30:00Z') },
    download: ({ name, chunks }) => downloads.push({ name, text: [...chunks].join('') }),
    ...(options.team ? { team: options.team } : {}),
  });
  await store.getState().start();
  return { store, workers, downloads };
}

/** Waits until `check` holds (storage and other tabs answer asynchronously); fails after `ms`. */
/** A `startDesk` whose desks are stopped after each test of the file that calls this. */
export function desksStoppedAfterEach(): (options?: DeskOptions) => Promise<TestDesk> {
  const open: TestDesk[] = [];
  afterEach(() => {
    for (const d of open.splice(0)) d.store.getState().stop();
  });
  return async (options) => {
    const d = await startDesk(options);
    open.push(d);
    return d;
  };
}

export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 3000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
