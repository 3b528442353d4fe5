/**
 * The team server's JSON API (server/README.md) as the desk calls it: same origin, the session in an
 * HttpOnly cookie, the CSRF token in a header on every write. Types come from the domain's contract;
 * nothing here imports the server.
 */
import type {
  Agreement,
  ApiError,
  AssignResult,
  Explanation,
  Health,
  LoadResult,
  Member,
  ModelRef,
  OfficeModel,
  Project,
  PullResponse,
  PushDecision,
  PushResponse,
  ReviewPage,
  ReviewRequest,
  ReviewResult,
  SessionInfo,
} from '../domain/team/contract';
import { TeamApiError, TeamUnreachable } from './team-errors';

export interface TeamApi {
  /** True when a team server answers on this origin. */
  health(): Promise<boolean>;
  /** The live session after a reload, or null. */
  session(): Promise<SessionInfo | null>;
  login(name: string, password: string): Promise<SessionInfo>;
  logout(): Promise<void>;
  projects(): Promise<readonly Project[]>;
  members(projectId: number): Promise<readonly Member[]>;
  take(projectId: number, count: number): Promise<AssignResult>;
  assign(projectId: number, userId: number, count: number): Promise<AssignResult>;
  loadNotices(projectId: number, texts: readonly string[]): Promise<LoadResult>;
  pull(projectId: number, cursor: string | null): Promise<PullResponse>;
  push(projectId: number, decisions: readonly PushDecision[]): Promise<PushResponse>;
  /** A page of the notices waiting for review, after the id `after` (the previous page's next). */
  reviews(projectId: number, after: number | null): Promise<ReviewPage>;
  review(projectId: number, request: ReviewRequest): Promise<ReviewResult>;
  explain(projectId: number, noticeId: number): Promise<Explanation>;
  /** A notice's full text (reviewer, admin). */
  noticeText(projectId: number, noticeId: number): Promise<string>;
  agreement(projectId: number): Promise<Agreement>;
  /** The model that scores the project's notices now, and its provenance when it is the office's. */
  model(projectId: number): Promise<{ readonly ref: ModelRef; readonly model: OfficeModel | null }>;
  /** The project's office models, newest first (the newest may still be training, or have failed). */
  models(projectId: number): Promise<readonly OfficeModel[]>;
  /** Starts training an office model on the project's final labels. */
  train(projectId: number): Promise<OfficeModel>;
  /** Where the browser downloads an export (a plain link: the cookie goes with it). */
  exportUrl(projectId: number, what: 'csv' | 'jsonl' | 'events'): string;
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && 'error' in body;
}

export function httpTeamApi(base = ''): TeamApi {
  let csrf: string | null = null;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}/api${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(method === 'GET' || csrf === null ? {} : { 'X-CSRF-Token': csrf }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new TeamUnreachable(error instanceof Error ? error.message : String(error));
    }
    if (response.status === 204) return undefined as T;
    const parsed: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      if (isApiError(parsed)) {
        throw new TeamApiError(response.status, parsed.error.code, parsed.error.message);
      }
      // A proxy's error page, or the server restarting: nothing was answered.
      if (response.status >= 500) throw new TeamUnreachable(String(response.status));
      throw new TeamApiError(response.status, 'internal', String(response.status));
    }
    return parsed as T;
  }

  function remember(info: SessionInfo): SessionInfo {
    csrf = info.csrfToken;
    return info;
  }

  const project = (p: number): string => `/projects/${p}`;

  return {
    async health() {
      try {
        const h = await call<Health | null>('GET', '/health');
        return h?.ok === true;
      } catch {
        return false;
      }
    },
    async session() {
      try {
        return remember(await call<SessionInfo>('GET', '/session'));
      } catch (error) {
        if (error instanceof TeamApiError && error.status === 401) return null;
        throw error;
      }
    },
    async login(name, password) {
      return remember(await call<SessionInfo>('POST', '/session', { name, password }));
    },
    async logout() {
      await call<void>('DELETE', '/session');
      csrf = null;
    },
    async projects() {
      return (await call<{ projects: Project[] }>('GET', '/projects')).projects;
    },
    async members(p) {
      return (await call<{ members: Member[] }>('GET', project(p))).members;
    },
    take: (p, count) => call('POST', `${project(p)}/take`, { count }),
    assign: (p, userId, count) => call('POST', `${project(p)}/assignments`, { userId, count }),
    loadNotices: (p, texts) =>
      call('POST', `${project(p)}/notices`, { notices: texts.map((text) => ({ text })) }),
    pull: (p, cursor) =>
      call(
        'GET',
        `${project(p)}/sync?limit=500${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      ),
    push: (p, decisions) => call('POST', `${project(p)}/sync`, { decisions }),
    reviews: (p, after) =>
      call('GET', `${project(p)}/reviews?limit=20${after === null ? '' : `&after=${after}`}`),
    review: (p, request) => call('POST', `${project(p)}/reviews`, request),
    explain: (p, n) => call('GET', `${project(p)}/notices/${n}/explain`),
    async noticeText(p, n) {
      return (await call<{ notice: { text: string } }>('GET', `${project(p)}/notices/${n}`)).notice
        .text;
    },
    agreement: (p) => call('GET', `${project(p)}/agreement`),
    model: (p) => call('GET', `${project(p)}/model`),
    async models(p) {
      return (await call<{ models: OfficeModel[] }>('GET', `${project(p)}/models`)).models;
    },
    async train(p) {
      return (await call<{ model: OfficeModel }>('POST', `${project(p)}/model/train`)).model;
    },
    exportUrl(p, what) {
      const file =
        what === 'csv' ? 'export.csv' : what === 'jsonl' ? 'export.jsonl' : 'events.jsonl';
      return `${base}/api${project(p)}/${file}`;
    },
  };
}
