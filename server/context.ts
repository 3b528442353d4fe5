/** What every route gets: the database, the configuration, the models, and who is asking. */
import type { HttpBindings } from '@hono/node-server';
import type { Role, User } from '../src/domain/team/contract';
import type { Database } from './db/database';
import type { ModelStore } from './model/store';
import type { Trainer } from './model/trainer';

export interface ServerConfig {
  /** The server's version (package.json), reported by /api/health. */
  readonly version: string;
  /** Honour X-Forwarded-Proto / X-Forwarded-For from a TLS proxy in front. */
  readonly trustProxy: boolean;
  /** A session ends after this long without a request … */
  readonly sessionIdleMinutes: number;
  /** … and after this long in any case. */
  readonly sessionMaxHours: number;
  /** log2 of scrypt's N for new password hashes (15 in production; tests use less). */
  readonly passwordCost: number;
  readonly loginLimit: {
    /** Failed logins per account and address within the window before refusing. */
    readonly perAccount: number;
    /** Failed logins per address (any account) within the window. */
    readonly perAddress: number;
    readonly windowMinutes: number;
  };
  /** Largest JSON body, bytes. */
  readonly jsonLimit: number;
  /** Largest upload of notice files, bytes. */
  readonly uploadLimit: number;
  /** The built app to serve at /, or null (API only). */
  readonly distDir: string | null;
}

export const DEFAULT_CONFIG: ServerConfig = {
  version: '0.0.0',
  trustProxy: false,
  sessionIdleMinutes: 12 * 60,
  sessionMaxHours: 7 * 24,
  passwordCost: 15,
  loginLimit: { perAccount: 5, perAddress: 50, windowMinutes: 15 },
  jsonLimit: 1024 * 1024,
  uploadLimit: 50 * 1024 * 1024,
  distDir: null,
};

export interface AppDeps {
  readonly db: Database;
  readonly config: ServerConfig;
  readonly models: ModelStore;
  readonly trainer: Trainer;
}

export interface Auth {
  readonly user: User;
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: { auth: Auth };
}

export function isStaff(role: Role): boolean {
  return role === 'admin' || role === 'reviewer';
}
