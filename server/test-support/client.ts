/**
 * A small API client for tests and the bench, as the desk's team mode will talk to the server: it
 * keeps the session cookie, and sends the session's CSRF token on every write. It can call the app
 * in-process (no socket) or a real server over HTTP.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../context';

export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
}

export interface CallOptions {
  readonly json?: unknown;
  readonly body?: RequestInit['body'];
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the X-CSRF-Token (default: on every write). */
  readonly csrf?: boolean;
}

type Send = (request: Request) => Promise<Response>;

export class ApiClient {
  readonly base: string;
  private readonly send: Send;
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(send: Send, base: string) {
    this.send = send;
    this.base = base;
  }

  /** Calls `app` in-process, as if from `ip`. */
  static inProcess(app: Hono<AppEnv>, ip = '10.0.0.1'): ApiClient {
    const env = { incoming: { socket: { remoteAddress: ip } } } as unknown as AppEnv['Bindings'];
    return new ApiClient(
      async (request) => app.request(request, undefined, env),
      'http://team.test',
    );
  }

  /** Calls a server listening at `base` (http://127.0.0.1:PORT). */
  static http(base: string): ApiClient {
    return new ApiClient((request) => fetch(request), base);
  }

  async call<T = unknown>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<Reply<T>> {
    const headers = new Headers(options.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (options.json !== undefined) headers.set('content-type', 'application/json');
    if (method !== 'GET' && options.csrf !== false && this.csrfToken) {
      headers.set('x-csrf-token', this.csrfToken);
    }
    const response = await this.send(
      new Request(this.base + path, {
        method,
        headers,
        body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
      }),
    );
    const setCookie = response.headers.get('set-cookie');
    const session = setCookie ? /ntd_session=([^;]*)/.exec(setCookie) : null;
    if (session) this.cookie = session[1] ? `ntd_session=${session[1]}` : null;
    // Keeps a BOM (an export must start with one), which response.text() would drop.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('application/json') && text !== '') {
      body = JSON.parse(text);
    }
    return { status: response.status, body: body as T, text, headers: response.headers };
  }

  get<T = unknown>(path: string, options?: CallOptions): Promise<Reply<T>> {
    return this.call<T>('GET', path, options);
  }

  post<T = unknown>(path: string, json?: unknown, options?: CallOptions): Promise<Reply<T>> {
    return this.call<T>('POST', path, { ...options, json });
  }

  patch<T = unknown>(path: string, json: unknown, options?: CallOptions): Promise<Reply<T>> {
    return this.call<T>('PATCH', path, { ...options, json });
  }

  put<T = unknown>(path: string, options?: CallOptions): Promise<Reply<T>> {
    return this.call<T>('PUT', path, options);
  }

  delete<T = unknown>(path: string, options?: CallOptions): Promise<Reply<T>> {
    return this.call<T>('DELETE', path, options);
  }

  async login(name: string, password: string): Promise<Reply<{ csrfToken?: string }>> {
    const reply = await this.post<{ csrfToken?: string }>('/api/session', { name, password });
    if (reply.status === 200) this.csrfToken = reply.body.csrfToken ?? null;
    return reply;
  }
}
