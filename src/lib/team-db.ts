/**
 * Team mode's IndexedDB, beside the desk's own: the clerk's copies of assigned notices, the outbox of
 * decisions the server has not acknowledged, and each project's pull cursor. Everything is keyed by
 * the signed-in user and project, so two clerks sharing a browser never see each other's work. The
 * outbox is written before anything is sent: a reload, a crash or a day offline loses nothing.
 */
import type { SyncNotice } from '../domain/team/contract';
import type { OutboxEntry } from '../domain/team/outbox';

const NAME = 'notice-topic-desk-team';
const VERSION = 1;
const COPIES = 'copies';
const OUTBOX = 'outbox';
const CURSORS = 'cursors';

export interface TeamScope {
  readonly userId: number;
  readonly projectId: number;
}

export interface TeamSaved {
  readonly copies: SyncNotice[];
  readonly outbox: OutboxEntry[];
  readonly cursor: string | null;
}

export interface TeamChange {
  readonly copies?: readonly SyncNotice[];
  readonly put?: readonly OutboxEntry[];
  readonly remove?: readonly string[];
  readonly cursor?: string;
}

export interface TeamStorage {
  load(scope: TeamScope): Promise<TeamSaved>;
  /**
   * One transaction: copies, outbox entries written and removed (by client id), the cursor. Entries
   * are written one by one, never the outbox as a whole, so a second tab's new entry is never lost;
   * an entry sent twice by two tabs is harmless, the server answers the second with `duplicate`.
   */
  save(scope: TeamScope, change: TeamChange): Promise<void>;
}

const prefix = (s: TeamScope): string => `${s.userId}:${s.projectId}:`;

function done(request: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in request) {
      request.oncomplete = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
      request.onabort = () => reject(request.error ?? new Error('IndexedDB'));
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
    }
  });
}

function value<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const store of [COPIES, OUTBOX, CURSORS]) {
        if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
  });
}

/** The browser's IndexedDB by default; a test gives fake-indexeddb's factory and key ranges. */
export function openTeamStorage(
  factory: IDBFactory = indexedDB,
  keyRange: typeof IDBKeyRange = IDBKeyRange,
): TeamStorage {
  let opened: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => (opened ??= open(factory));

  return {
    async load(scope) {
      const tx = (await db()).transaction([COPIES, OUTBOX, CURSORS], 'readonly');
      const range = keyRange.bound(prefix(scope), `${prefix(scope)}\uffff`);
      const [copies, outbox, cursor] = await Promise.all([
        value(tx.objectStore(COPIES).getAll(range)),
        value(tx.objectStore(OUTBOX).getAll(range)),
        value(tx.objectStore(CURSORS).get(prefix(scope))),
      ]);
      return {
        copies: copies as SyncNotice[],
        outbox: (outbox as OutboxEntry[]).sort((a, b) => a.seq - b.seq),
        cursor: typeof cursor === 'string' ? cursor : null,
      };
    },
    async save(scope, change) {
      const tx = (await db()).transaction([COPIES, OUTBOX, CURSORS], 'readwrite');
      const key = prefix(scope);
      for (const copy of change.copies ?? []) tx.objectStore(COPIES).put(copy, `${key}${copy.id}`);
      const outbox = tx.objectStore(OUTBOX);
      for (const id of change.remove ?? []) outbox.delete(`${key}${id}`);
      for (const entry of change.put ?? []) outbox.put(entry, `${key}${entry.clientId}`);
      if (change.cursor !== undefined) tx.objectStore(CURSORS).put(change.cursor, key);
      await done(tx);
    },
  };
}
