import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type {
  OfficeModel,
  PushDecision,
  PushResult,
  SessionInfo,
  SyncNotice,
} from '../domain/team/contract';
import type { TeamApi } from '../lib/team-api';
import { openTeamStorage, type TeamStorage } from '../lib/team-db';
import { TeamApiError, TeamUnreachable } from '../lib/team-errors';
import type { TeamDeps } from '../lib/team';
import { eventually, startDesk } from './test-support/desk';
import { EMPTY_META } from '../domain/export/test-support/records';

const CIVIL = { label1: '民政、扶贫、救灾', label2: '社会福利' };
const EDUCATION = { label1: '科技、教育', label2: '教育' };
const PROJECT = 7;

const SESSION: SessionInfo = {
  user: {
    id: 3,
    name: 'li',
    displayName: null,
    role: 'clerk',
    disabled: false,
    createdAt: '2026-12-01T00:00:00.000Z',
  },
  csrfToken: 'token',
  expiresAt: '2026-12-02T00:00:00.000Z',
};

function notice(id: number, rev: number, decision: PushDecision | undefined): SyncNotice {
  return {
    id,
    contentId: `c${id}`,
    text: `通知${id}`,
    source: { kind: 'paste', name: null },
    addedAt: '2026-12-01T00:00:00.000Z',
    meta: { ...EMPTY_META, title: `通知${id}` },
    originalTopic: null,
    suggestions: [{ path: CIVIL, score: 0.7 }],
    rev,
    state: decision === undefined ? 'open' : 'done',
    decision:
      decision === undefined
        ? null
        : { path: decision.path, status: 'confirmed', decidedAt: decision.decidedAt },
    final: null,
  };
}

/**
 * The server's sync as the README states it, for one clerk: decisions kept by client id (a resend
 * is a duplicate), a decision on an out-of-date copy is stored as a conflict. `mode` makes it not
 * answer, or store and then lose its answer (the server killed before replying).
 */
class FakeServer {
  mode: 'up' | 'down' | 'lose-answer' | 'session-ended' = 'up';
  session: SessionInfo = SESSION;
  /** Notices waiting for review (a reviewer's view), 20 a page as the server gives them. */
  waiting = 0;
  readonly models: OfficeModel[] = [];
  readonly stored: PushDecision[] = [];
  private readonly revs = new Map([
    [1, 1],
    [2, 1],
  ]);

  /** The reviewer settles a notice: the clerk's copy gets a new revision. */
  settle(id: number): void {
    this.revs.set(id, (this.revs.get(id) ?? 0) + 1);
  }

  /** Within one batch, a second decision on the same base builds on the first (as the server does). */
  private answerBatch(decisions: readonly PushDecision[]): PushResult[] {
    const built = new Map<string, number>();
    return decisions.map((sent) => {
      const key = `${sent.noticeId}:${sent.baseRev}`;
      const d = { ...sent, baseRev: built.get(key) ?? sent.baseRev };
      const result = this.answer(d);
      if (result.rev !== null) built.set(key, result.rev);
      return result;
    });
  }

  private answer(d: PushDecision): PushResult {
    const earlier = this.stored.find((s) => s.clientId === d.clientId);
    if (earlier !== undefined) {
      return {
        clientId: d.clientId,
        noticeId: d.noticeId,
        status: 'duplicate',
        rev: earlier.baseRev + 1,
        state: 'done',
      };
    }
    const rev = this.revs.get(d.noticeId) ?? 0;
    this.stored.push(d);
    this.revs.set(d.noticeId, rev + 1);
    return {
      clientId: d.clientId,
      noticeId: d.noticeId,
      status: d.baseRev === rev ? 'accepted' : 'conflict',
      rev: rev + 1,
      state: d.baseRev === rev ? 'done' : 'review',
    };
  }

  api(): TeamApi {
    const reachable = (): void => {
      if (this.mode === 'down') throw new TeamUnreachable('offline');
      if (this.mode === 'session-ended') {
        throw new TeamApiError(401, 'unauthenticated', '请先登录。');
      }
    };
    return {
      health: async () => true,
      session: async () => this.session,
      login: async () => this.session,
      logout: async () => undefined,
      projects: async () => [],
      members: async () => [],
      take: async (_project, count) => {
        const assigned = [3, 4].slice(0, count);
        for (const id of assigned) this.revs.set(id, 1);
        return { assigned };
      },
      assign: async () => ({ assigned: [] }),
      loadNotices: async () => ({ added: [], duplicates: 0, errors: [], model: null }),
      pull: async () => {
        reachable();
        const notices = [...this.revs.keys()].map((id) =>
          notice(
            id,
            this.revs.get(id) ?? 1,
            this.stored.findLast((d) => d.noticeId === id),
          ),
        );
        return { notices, cursor: 'c', more: false };
      },
      push: async (_project, decisions) => {
        reachable();
        const results = this.answerBatch(decisions);
        if (this.mode === 'lose-answer') throw new TeamUnreachable('killed before answering');
        return { results };
      },
      reviews: async (_project, after) => {
        const from = after ?? 0;
        const ids = Array.from({ length: this.waiting }, (_, i) => i + 1).filter((id) => id > from);
        const page = ids.slice(0, 20);
        const items = page.map((id) => ({
          notice: {
            id,
            rev: 2,
            contentId: `c${id}`,
            meta: notice(id, 2, undefined).meta,
            double: true,
          },
          reasons: ['two-clerks' as const],
          decisions: [],
          suggestions: null,
          originalTopic: null,
          final: null,
        }));
        return { items, next: ids.length > 20 ? (page.at(-1) ?? null) : null };
      },
      review: async () => {
        throw new Error('not a reviewer');
      },
      explain: async (_project, noticeId) => ({ noticeId, labels: [], uncertain: false }),
      noticeText: async (_project, noticeId) => `通知${noticeId}`,
      agreement: async () => {
        throw new Error('not a reviewer');
      },
      exportUrl: () => '',
      model: async () => {
        const ready = this.models.find((m) => m.status === 'ready') ?? null;
        return {
          ref:
            ready === null
              ? { id: null, kind: 'shipped', createdAt: '2026-11-01T00:00:00.000Z' }
              : { id: ready.id, kind: 'office', createdAt: ready.createdAt },
          model: ready,
        };
      },
      models: async () => this.models,
      train: async () => {
        const model: OfficeModel = {
          id: this.models.length + 1,
          projectId: PROJECT,
          status: 'training',
          createdAt: '2026-12-01T10:00:00.000Z',
          finishedAt: null,
          error: null,
          provenance: {
            examples: 3,
            dataHash: 'h',
            trainedBy: { id: SESSION.user.id, name: this.session.user.name },
            base: { createdAt: '2026-11-01T00:00:00.000Z', dataHash: 'b' },
          },
        };
        this.models.unshift(model);
        return model;
      },
    };
  }
}

interface Tab {
  readonly deps: TeamDeps;
  /** The browser's online event. */
  reconnect(): void;
}

/** One browser profile's team storage; each call of `tab` is a page opened on it. */
function profile(server: FakeServer) {
  const storage: TeamStorage = openTeamStorage(new IDBFactory(), IDBKeyRange);
  let ids = 0;
  return async function tab() {
    let listener: (online: boolean) => void = () => undefined;
    const t: Tab = {
      deps: {
        api: server.api(),
        storage,
        newClientId: () => `client-${++ids}-${Math.random().toString(36).slice(2)}`,
        watchConnectivity(l) {
          listener = l;
          return () => undefined;
        },
        isOnline: () => true,
      },
      reconnect: () => listener(true),
    };
    const { store } = await startDesk({ team: async () => t.deps });
    await store.getState().openTeam();
    await store.getState().selectProject(PROJECT);
    return { store, reconnect: t.reconnect };
  };
}

describe('team mode sync', () => {
  it('keeps a decision made offline on disk, sends it on reconnect, and stores a resend once', async () => {
    const server = new FakeServer();
    const open = profile(server);
    const first = await open();
    expect(first.store.getState().team.copies.map((c) => c.id)).toEqual([1, 2]);

    server.mode = 'down';
    await first.store.getState().decideTeam(1, CIVIL);
    expect(first.store.getState().team).toMatchObject({ online: false });
    expect(first.store.getState().team.outbox).toHaveLength(1);
    // A reload before reconnecting finds the decision on disk.
    const reloaded = await open();
    expect(reloaded.store.getState().team.outbox.map((e) => e.path)).toEqual([CIVIL]);

    // The server stores it but is killed before answering: the desk keeps it to resend.
    server.mode = 'lose-answer';
    await first.store.getState().syncTeam();
    expect(first.store.getState().team.outbox).toHaveLength(1);

    server.mode = 'up';
    first.reconnect();
    await eventually(() => first.store.getState().team.outbox.length === 0);
    await reloaded.store.getState().syncTeam();
    expect(reloaded.store.getState().team.outbox).toEqual([]);
    expect(server.stored).toHaveLength(1);
    expect(first.store.getState().team.outcomes).toEqual([]);

    const later = await open();
    expect(later.store.getState().team.outbox).toEqual([]);
    expect(later.store.getState().team.copies[0]?.decision?.path).toEqual(CIVIL);
  });

  it('builds a second offline decision on the first one, so it is no conflict', async () => {
    const server = new FakeServer();
    const { store } = await profile(server)();
    server.mode = 'down';
    await store.getState().decideTeam(2, CIVIL);
    await store.getState().decideTeam(2, EDUCATION);
    server.mode = 'up';
    await store.getState().syncTeam();
    expect(server.stored.map((d) => d.baseRev)).toEqual([1, 2]);
    expect(store.getState().team.outcomes).toEqual([]);
    expect(store.getState().team.copies[1]?.decision?.path).toEqual(EDUCATION);
  });

  it('tells the clerk when a decision made on an out-of-date copy went to review', async () => {
    const server = new FakeServer();
    const { store } = await profile(server)();
    server.mode = 'down';
    await store.getState().decideTeam(1, EDUCATION);
    server.settle(1);
    server.mode = 'up';
    await store.getState().syncTeam();
    expect(store.getState().team.outcomes).toEqual([
      { noticeId: 1, status: 'conflict', message: null },
    ]);
    expect(server.stored).toHaveLength(1);
  });

  it('keeps the outbox when the session has ended, and asks the clerk to sign in again', async () => {
    const server = new FakeServer();
    const open = profile(server);
    const { store } = await open();
    server.mode = 'session-ended';
    await store.getState().decideTeam(2, EDUCATION);
    expect(store.getState().team.session).toBeNull();
    expect(store.getState().team.message?.body.code).toBe('teamSignedOut');
    server.mode = 'up';
    const again = await open();
    expect(again.store.getState().team.outbox).toEqual([]);
    expect(server.stored.map((d) => d.path)).toEqual([EDUCATION]);
  });

  it('shows the reviewer the notices waiting for review a page at a time, each with its evidence', async () => {
    const server = new FakeServer();
    server.session = { ...SESSION, user: { ...SESSION.user, role: 'reviewer' } };
    server.waiting = 25;
    const { store } = await profile(server)();
    expect(store.getState().team.reviews).toHaveLength(20);
    expect(store.getState().team.reviewsNext).toBe(20);
    await store.getState().loadReviews(true);
    expect(store.getState().team.reviews.map((r) => r.notice.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(store.getState().team.reviewsNext).toBeNull();
    expect(store.getState().team.explanations.size).toBe(25);
  });

  it('tells the team which model scores the notices, and shows a reviewer’s training under way', async () => {
    const server = new FakeServer();
    server.session = { ...SESSION, user: { ...SESSION.user, role: 'reviewer' } };
    const { store } = await profile(server)();
    await eventually(() => store.getState().team.scoring !== null);
    expect(store.getState().team.scoring?.model).toBeNull();
    await store.getState().trainOfficeModel();
    expect(store.getState().team.latestModel?.status).toBe('training');
    expect(store.getState().team.message?.body.code).toBe('teamTrainingStarted');
  });

  it('lets a clerk take the next notices of the shared queue and pulls them at once', async () => {
    const server = new FakeServer();
    const { store } = await profile(server)();
    await store.getState().takeWork(2);
    expect(store.getState().team.message?.body).toEqual({ code: 'teamTaken', params: { n: 2 } });
    expect(store.getState().team.copies.map((c) => c.id)).toEqual([1, 2, 3, 4]);
  });
});
