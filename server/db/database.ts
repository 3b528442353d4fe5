/**
 * One small interface over the two PostgreSQLs the server runs on: embedded PGlite (a trial, one
 * server process) and a real PostgreSQL server through node-postgres (an office, any number of
 * server processes). The SQL is the same for both; values only ever travel as parameters.
 */

export type DatabaseKind = 'pglite' | 'postgres';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with $1… parameters; the rows it returns. */
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
}

export interface TransactionOptions {
  /** REPEATABLE READ: every statement sees one snapshot (a consistent page of a pull). */
  readonly snapshot?: boolean;
  readonly readOnly?: boolean;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /**
   * Runs `work` in a transaction, committed when it resolves and rolled back when it throws.
   * WARNING: a serialization failure or deadlock (PostgreSQL) retries `work` from the start, so it
   * must not have effects outside the database.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/**
 * Both drivers read columns the same way: 64-bit integers (counts, sums) as numbers, timestamps as
 * ISO strings. xid8 (transaction ids, the sync cursor) stays a string: it may exceed 2^53.
 */
export const TYPE_PARSERS: ReadonlyMap<number, (value: string) => unknown> = new Map<
  number,
  (value: string) => unknown
>([
  [20, Number], // int8
  [1700, Number], // numeric
  [1184, (v) => new Date(v).toISOString()], // timestamptz
]);

/** A PostgreSQL error's SQLSTATE, when the value is one. */
export function sqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : null;
}

export const UNIQUE_VIOLATION = '23505';

/** A value for a jsonb parameter: SQL NULL for null (never the JSON value null). */
export function jsonb(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
