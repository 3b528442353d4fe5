/**
 * The desk's IndexedDB: one record per notice, written the moment it changes. Each write is one
 * transaction (all of it or nothing), a decision is only written over the revision the tab saw, and
 * other tabs are told what changed so no decision is overwritten silently.
 */
import type { NoticeRecord } from '../domain/desk/record';
import {
  STORE_SCHEMA_VERSION,
  checkSchema,
  migrateRecord,
  readStoredRecord,
} from '../domain/desk/stored';
import { detailOf, message, type Message } from '../domain/message';

/** IndexedDB's own version: object stores only. The data's shape has STORE_SCHEMA_VERSION. */
const IDB_VERSION = 1;
const NOTICES = 'notices';
const META = 'meta';

export type StorageProblemKind = 'unavailable' | 'quota' | 'newer-version';

export class StorageProblem extends Error {
  readonly kind: StorageProblemKind;
  /** What the clerk is told. */
  readonly problem: Message;
  constructor(kind: StorageProblemKind, problem: Message) {
    super(problem.code);
    this.kind = kind;
    this.problem = problem;
  }
}

/** A failed write, as the clerk should hear of it. */
export function storageProblem(error: unknown): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : '';
  if (name === 'QuotaExceededError')
    return new StorageProblem('quota', message('storageQuotaLost'));
  return new StorageProblem('unavailable', message('storageFailed', { detail: detailOf(error) }));
}

export interface Loaded {
  readonly records: NoticeRecord[];
  /** Stored values that were not readable records: left in place, never deleted. */
  readonly skipped: number;
  readonly settings: unknown;
}

export type DecisionWrite =
  { readonly ok: true } | { readonly ok: false; readonly stored: NoticeRecord };

/** What another tab (another page on the same database) has just written. */
export type RemoteChange =
  | { readonly kind: 'records'; readonly ids: readonly string[] }
  | { readonly kind: 'meta'; readonly key: string };

/**
 * The desk's storage, as the store sees it: records written only over the revision the tab saw,
 * values beside them ('meta': settings, the local model, the history), and other tabs' writes.
 * WARNING: every write may reject with a StorageProblem (a full disk, storage gone); the store keeps
 * the change in memory and tells the clerk.
 */
export interface DeskDb {
  /** True when the data was written by a newer desk: every write is refused. */
  readonly readOnly: boolean;
  loadAll(): Promise<Loaded>;
  get(ids: readonly string[]): Promise<NoticeRecord[]>;
  /** Adds new notices; an id already stored (another tab, a re-import) is kept as it is. */
  addRecords(records: readonly NoticeRecord[]): Promise<string[]>;
  /** Writes records as they are (a JSONL restore). */
  putRecords(records: readonly NoticeRecord[]): Promise<void>;
  /**
   * Stores a changed record unless another tab has stored this revision or a later one; then it
   * returns what that tab stored, and writes nothing.
   */
  putIfUnchanged(record: NoticeRecord): Promise<DecisionWrite>;
  /** A 'meta' value; undefined when absent. */
  getMeta(key: string): Promise<unknown>;
  /** Writes (or, with undefined, deletes) a 'meta' value, and tells the other tabs. */
  putMeta(key: string, value: unknown): Promise<void>;
  /** Calls back with what another tab wrote; returns the way to stop listening. */
  onRemoteChange(listener: (change: RemoteChange) => void): () => void;
  close(): void;
}

export type Opened =
  | { readonly ok: true; readonly db: DeskDb; readonly warning: StorageProblem | null }
  | { readonly ok: false; readonly problem: StorageProblem };

export interface IndexedDbOptions {
  /** The database (and the tabs' channel) name; tests give each test its own. */
  readonly name?: string;
  /** Where IndexedDB comes from: the browser's, or fake-indexeddb in a test. */
  readonly factory?: IDBFactory;
}

type Body = (tx: IDBTransaction, fail: (error: unknown) => void) => void;

/** Runs `body` in one transaction; any error aborts it, so nothing is half written. */
function transact(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  body: Body,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    let tx: IDBTransaction;
    try {
      tx = db.transaction(stores, mode);
    } catch (e) {
      reject(storageProblem(e));
      return;
    }
    const fail = (error: unknown): void => {
      failure ??= error;
      try {
        tx.abort();
      } catch {
        // Already finished or aborted: the failure is reported below either way.
      }
    };
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(storageProblem(failure ?? tx.error));
    tx.onabort = () => reject(storageProblem(failure ?? tx.error ?? new Error('aborted')));
    try {
      body(tx, fail);
    } catch (e) {
      fail(e);
    }
  });
}

function request<T>(
  req: IDBRequest<T>,
  fail: (e: unknown) => void,
  then: (value: T) => void,
): void {
  req.onsuccess = () => {
    try {
      then(req.result);
    } catch (e) {
      fail(e);
    }
  };
}

function readChange(data: unknown): RemoteChange | null {
  if (typeof data !== 'object' || data === null) return null;
  const { ids, key } = data as { ids?: unknown; key?: unknown };
  if (Array.isArray(ids)) {
    return { kind: 'records', ids: ids.filter((id): id is string => typeof id === 'string') };
  }
  return typeof key === 'string' ? { kind: 'meta', key } : null;
}

class IndexedDeskDb implements DeskDb {
  private readonly db: IDBDatabase;
  private readonly channel: BroadcastChannel | null;
  readonly readOnly: boolean;

  constructor(db: IDBDatabase, name: string, readOnly: boolean) {
    this.db = db;
    this.readOnly = readOnly;
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
  }

  onRemoteChange(listener: (change: RemoteChange) => void): () => void {
    const channel = this.channel;
    if (!channel) return () => undefined;
    const onMessage = (e: MessageEvent<unknown>): void => {
      const change = readChange(e.data);
      if (change) listener(change);
    };
    channel.addEventListener('message', onMessage);
    return () => channel.removeEventListener('message', onMessage);
  }

  close(): void {
    this.channel?.close();
    this.db.close();
  }

  private announce(ids: string[]): void {
    if (ids.length > 0) this.channel?.postMessage({ ids });
  }

  private guard(): void {
    if (this.readOnly) {
      throw new StorageProblem('newer-version', message('storageReadOnly'));
    }
  }

  async loadAll(): Promise<Loaded> {
    const values: unknown[] = [];
    let settings: unknown = null;
    await transact(this.db, [NOTICES, META], 'readonly', (tx, fail) => {
      request(tx.objectStore(NOTICES).getAll(), fail, (all) => values.push(...all));
      request(tx.objectStore(META).get('settings'), fail, (v) => (settings = v ?? null));
    });
    const records: NoticeRecord[] = [];
    let skipped = 0;
    for (const v of values) {
      const r = readStoredRecord(v);
      if (r) records.push(r);
      else skipped++;
    }
    records.sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0));
    return { records, skipped, settings };
  }

  async get(ids: readonly string[]): Promise<NoticeRecord[]> {
    const out: NoticeRecord[] = [];
    await transact(this.db, [NOTICES], 'readonly', (tx, fail) => {
      const store = tx.objectStore(NOTICES);
      for (const id of ids) {
        request(store.get(id), fail, (v) => {
          const r = readStoredRecord(v);
          if (r) out.push(r);
        });
      }
    });
    return out;
  }

  async addRecords(records: readonly NoticeRecord[]): Promise<string[]> {
    this.guard();
    const added: string[] = [];
    await transact(this.db, [NOTICES], 'readwrite', (tx, fail) => {
      const store = tx.objectStore(NOTICES);
      for (const r of records) {
        request(store.getKey(r.id), fail, (key) => {
          if (key !== undefined) return;
          store.put(r);
          added.push(r.id);
        });
      }
    });
    this.announce(added);
    return added;
  }

  async putRecords(records: readonly NoticeRecord[]): Promise<void> {
    this.guard();
    await transact(this.db, [NOTICES], 'readwrite', (tx) => {
      const store = tx.objectStore(NOTICES);
      for (const r of records) store.put(r);
    });
    this.announce(records.map((r) => r.id));
  }

  // A stored revision below `record.rev - 1` means this tab's own earlier writes failed (a full disk,
  // say): this tab is ahead, so it writes.
  async putIfUnchanged(record: NoticeRecord): Promise<DecisionWrite> {
    this.guard();
    let stored: NoticeRecord | null = null;
    await transact(this.db, [NOTICES], 'readwrite', (tx, fail) => {
      const store = tx.objectStore(NOTICES);
      request(store.get(record.id), fail, (v) => {
        const current = readStoredRecord(v);
        if (current && current.rev >= record.rev) {
          stored = current;
          return;
        }
        store.put(record);
      });
    });
    if (stored) return { ok: false, stored };
    this.announce([record.id]);
    return { ok: true };
  }

  async getMeta(key: string): Promise<unknown> {
    let value: unknown;
    await transact(this.db, [META], 'readonly', (tx, fail) => {
      request(tx.objectStore(META).get(key), fail, (v) => (value = v));
    });
    return value;
  }

  async putMeta(key: string, value: unknown): Promise<void> {
    this.guard();
    await transact(this.db, [META], 'readwrite', (tx) => {
      if (value === undefined) tx.objectStore(META).delete(key);
      else tx.objectStore(META).put(value, key);
    });
    this.channel?.postMessage({ key });
  }
}

function openRaw(factory: IDBFactory | undefined, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (factory === undefined) {
      reject(new StorageProblem('unavailable', message('storageMissing')));
      return;
    }
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, IDB_VERSION);
    } catch (e) {
      reject(storageProblem(e));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(NOTICES)) db.createObjectStore(NOTICES, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      const error = req.error;
      reject(
        error?.name === 'VersionError'
          ? new StorageProblem('newer-version', message('storageNewerUnopenable'))
          : storageProblem(error),
      );
    };
    req.onblocked = () => reject(new StorageProblem('unavailable', message('storageBlocked')));
  });
}

/** Brings stored records written by an older desk up to the current schema, in one transaction. */
async function migrate(db: IDBDatabase, from: number): Promise<void> {
  await transact(db, [NOTICES, META], 'readwrite', (tx, fail) => {
    const store = tx.objectStore(NOTICES);
    request(store.getAll(), fail, (all) => {
      for (const v of all) store.put(migrateRecord(v, from));
      tx.objectStore(META).put(STORE_SCHEMA_VERSION, 'schema');
    });
  });
}

async function readSchema(db: IDBDatabase): Promise<number | null> {
  let version: number | null = null;
  await transact(db, [META], 'readonly', (tx, fail) => {
    request(tx.objectStore(META).get('schema'), fail, (v) => {
      version = typeof v === 'number' ? v : null;
    });
  });
  return version;
}

/**
 * Opens the desk's IndexedDB, migrating older data and refusing to write newer data. Never throws:
 * the desk works without storage, and says so.
 */
export async function openDeskDb({
  name = 'notice-topic-desk',
  factory = globalThis.indexedDB,
}: IndexedDbOptions = {}): Promise<Opened> {
  let raw: IDBDatabase;
  try {
    raw = await openRaw(factory, name);
  } catch (e) {
    return { ok: false, problem: storageProblem(e) };
  }
  try {
    const stored = await readSchema(raw);
    const check = checkSchema(stored);
    if (!check.ok) {
      return {
        ok: true,
        db: new IndexedDeskDb(raw, name, true),
        warning: new StorageProblem('newer-version', check.problem),
      };
    }
    if (check.migrateFrom !== null) await migrate(raw, check.migrateFrom);
    else if (stored === null) {
      await transact(raw, [META], 'readwrite', (tx) => {
        tx.objectStore(META).put(STORE_SCHEMA_VERSION, 'schema');
      });
    }
    return { ok: true, db: new IndexedDeskDb(raw, name, false), warning: null };
  } catch (e) {
    // Reading works but writing does not (a full disk): the saved work is still shown.
    return { ok: true, db: new IndexedDeskDb(raw, name, false), warning: storageProblem(e) };
  }
}
