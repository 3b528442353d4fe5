/** A PostgreSQL server through node-postgres' connection pool. */
import pg from 'pg';
import { sqlState, TYPE_PARSERS, type Database, type Queryable } from './database';

/** serialization_failure, deadlock_detected: the transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TYPE_PARSERS.get(oid) ??
    pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await client.query<R>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  /** Connections per server process; an office server needs few (each request is short). */
  readonly max?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
  // Fail at start, with the driver's message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  pool.on('error', (error) => console.error('PostgreSQL connection error:', error.message));
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(work, options = {}) {
      const begin = [
        'BEGIN',
        options.snapshot ? 'ISOLATION LEVEL REPEATABLE READ' : '',
        options.readOnly ? 'READ ONLY' : '',
      ]
        .filter((part) => part !== '')
        .join(' ');
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query(begin);
          const value = await work(queryable(client));
          await client.query('COMMIT');
          return value;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          const code = sqlState(error);
          if (code === null || !RETRYABLE.has(code) || attempt >= ATTEMPTS) throw error;
        } finally {
          client.release();
        }
      }
    },
    close: () => pool.end(),
  };
}
