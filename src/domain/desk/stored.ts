/**
 * The shape of what the desk stores, its schema version and the migration of older data.
 * A record read back from storage is checked before the desk trusts it.
 */
import { message, type Message } from '../message';
import type { TopicPath } from '../taxonomy/taxonomy';
import type { NoticeRecord } from './record';

/** Bump when NoticeRecord changes shape, and add a step to `migrateRecord`. */
export const STORE_SCHEMA_VERSION = 2;

export type SchemaCheck =
  | { readonly ok: true; readonly migrateFrom: number | null }
  | { readonly ok: false; readonly problem: Message };

/** Whether this version of the desk may open data written with `stored` (null: a new store). */
export function checkSchema(stored: number | null): SchemaCheck {
  if (stored === null) return { ok: true, migrateFrom: null };
  if (stored > STORE_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: message('storageNewerReadOnly', { stored, supported: STORE_SCHEMA_VERSION }),
    };
  }
  return { ok: true, migrateFrom: stored < STORE_SCHEMA_VERSION ? stored : null };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPath(v: unknown): v is TopicPath {
  return (
    isObject(v) &&
    typeof v.label1 === 'string' &&
    (v.label2 === null || typeof v.label2 === 'string')
  );
}

/** A stored value that is a NoticeRecord of the current schema, or null (skipped, reported). */
export function readStoredRecord(value: unknown): NoticeRecord | null {
  if (!isObject(value)) return null;
  const { id, text, meta, source, decision, suggestions, rev, addedAt } = value;
  if (typeof id !== 'string' || typeof text !== 'string' || typeof addedAt !== 'string')
    return null;
  if (!isObject(meta) || !isObject(source) || typeof rev !== 'number') return null;
  if (decision !== null && !(isObject(decision) && isPath(decision.path))) return null;
  if (
    suggestions !== null &&
    !(Array.isArray(suggestions) && suggestions.every((s) => isObject(s) && isPath(s.path)))
  ) {
    return null;
  }
  return value as unknown as NoticeRecord;
}

/**
 * Brings a stored record up to the current schema, one version step at a time.
 * 1 → 2: records gained `rev` (two-tab protection); a version-1 record starts at revision 1.
 */
export function migrateRecord(value: unknown, from: number): unknown {
  let v = value;
  if (from < 2 && isObject(v) && typeof v.rev !== 'number') v = { ...v, rev: 1 };
  return v;
}
