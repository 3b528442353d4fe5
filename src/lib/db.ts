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

const DB_NAME = 'notice-topic-desk';
/** IndexedDB's own version: object stores only. The data's shape has STORE_SCHEMA_VERSION. */
const IDB_VERSION = 1;
const NOTICES = 'notices';
const META = 'meta';
const CHANNEL = 'notice-topic-desk';

export type StorageProblemKind = 'unavailable' | 'quota' | 'newer-version';

export class StorageProblem extends Error {
  readonly kind: StorageProblemKind;
  constructor(kind: StorageProblemKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** A failed write, as the clerk should hear of it. */
export function storageProblem(error: unknown): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new StorageProblem(
      'quota',
      '浏览器存储空间已满：最新的改动未能保存。已保存的工作都在，请先导出 CSV/JSONL，再清理浏览器空间。',
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageProblem(
    'unavailable',
    `浏览器存储不可用（${detail}）：改动未能保存，请及时导出。`,
  );
}

export interface Loaded {
  readonly records: NoticeRecord[];
  /** Stored values that were not readable records: left in place, never deleted. */
  readonly skipped: number;
  readonly settings: unknown;
}

export type DecisionWrite =
  { readonly ok: true } | { readonly ok: false; readonly stored: NoticeRecord };

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
    tx.onabort = () => reject(storageProblem(failure ?? tx.error ?? new Error('事务被中止')));
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

export class DeskDb {
  private readonly db: IDBDatabase;
  private readonly channel: BroadcastChannel | null;
  readonly readOnly: boolean;

  constructor(db: IDBDatabase, readOnly: boolean) {
    this.db = db;
    this.readOnly = readOnly;
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  }

  /** Calls back with the ids another tab has just written. */
  onRemoteChange(callback: (ids: string[]) => void): void {
    this.channel?.addEventListener('message', (e: MessageEvent<unknown>) => {
      const ids = (e.data as { ids?: unknown } | null)?.ids;
      if (Array.isArray(ids)) callback(ids.filter((id): id is string => typeof id === 'string'));
    });
  }

  private announce(ids: string[]): void {
    if (ids.length > 0) this.channel?.postMessage({ ids });
  }

  private guard(): void {
    if (this.readOnly) {
      throw new StorageProblem('newer-version', '本地数据由更新版本的标注台写入，本页只读。');
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

  /** Adds new notices in one transaction; an id already stored (another tab, a re-import) is kept as it is. */
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

  /** Writes records as they are (a JSONL restore, or an undo), each only over the revision before it. */
  async putRecords(records: readonly NoticeRecord[]): Promise<void> {
    this.guard();
    await transact(this.db, [NOTICES], 'readwrite', (tx) => {
      const store = tx.objectStore(NOTICES);
      for (const r of records) store.put(r);
    });
    this.announce(records.map((r) => r.id));
  }

  /**
   * Stores a changed record unless another tab has stored this revision or a later one; then it
   * returns what that tab stored, and writes nothing. (A stored revision below `record.rev - 1`
   * means this tab's own earlier writes failed, a full disk say: this tab is ahead, so it writes.)
   */
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

  /** A value of the 'meta' store (the local model, the labelled history); undefined when absent. */
  async getMeta(key: string): Promise<unknown> {
    let value: unknown;
    await transact(this.db, [META], 'readonly', (tx, fail) => {
      request(tx.objectStore(META).get(key), fail, (v) => (value = v));
    });
    return value;
  }

  /** Writes (or, with undefined, deletes) a value of the 'meta' store. */
  async putMeta(key: string, value: unknown): Promise<void> {
    this.guard();
    await transact(this.db, [META], 'readwrite', (tx) => {
      if (value === undefined) tx.objectStore(META).delete(key);
      else tx.objectStore(META).put(value, key);
    });
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.guard();
    await transact(this.db, [META], 'readwrite', (tx) => {
      tx.objectStore(META).put(settings, 'settings');
    });
  }
}

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(
        new StorageProblem(
          'unavailable',
          '此浏览器不提供本地存储（IndexedDB）：改动不会自动保存，请及时导出。',
        ),
      );
      return;
    }
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB_NAME, IDB_VERSION);
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
          ? new StorageProblem(
              'newer-version',
              '本地数据由更新版本的标注台写入：本页无法打开，请使用新版本。',
            )
          : storageProblem(error),
      );
    };
    req.onblocked = () =>
      reject(
        new StorageProblem(
          'unavailable',
          '本地存储被另一个旧版本页面占用，请关闭其他标签页后刷新。',
        ),
      );
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

export type Opened =
  | { readonly ok: true; readonly db: DeskDb; readonly warning: StorageProblem | null }
  | { readonly ok: false; readonly problem: StorageProblem };

/**
 * Opens the store, migrating older data and refusing to write newer data. Never throws: the desk
 * works without storage, and says so.
 */
export async function openDeskDb(): Promise<Opened> {
  let raw: IDBDatabase;
  try {
    raw = await openRaw();
  } catch (e) {
    return { ok: false, problem: storageProblem(e) };
  }
  try {
    const stored = await readSchema(raw);
    const check = checkSchema(stored);
    if (!check.ok) {
      return {
        ok: true,
        db: new DeskDb(raw, true),
        warning: new StorageProblem('newer-version', check.reason),
      };
    }
    if (check.migrateFrom !== null) await migrate(raw, check.migrateFrom);
    else if (stored === null) {
      await transact(raw, [META], 'readwrite', (tx) => {
        tx.objectStore(META).put(STORE_SCHEMA_VERSION, 'schema');
      });
    }
    return { ok: true, db: new DeskDb(raw, false), warning: null };
  } catch (e) {
    // Reading works but writing does not (a full disk): the saved work is still shown.
    return { ok: true, db: new DeskDb(raw, false), warning: storageProblem(e) };
  }
}
