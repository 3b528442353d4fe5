/**
 * Team mode: the desk signed in to the team server on its own origin. A clerk's assigned notices are
 * pulled into IndexedDB and their decisions go to an outbox on disk first, then to the server with
 * the revision they were made on and a client id, so a clerk offline for a day loses nothing and a
 * resend duplicates nothing. A reviewer settles disagreements and reads the agreement figures.
 * The adapters (HTTP, IndexedDB) are loaded on demand: a desk without a team server never loads them.
 */
import { checkPaste } from '../domain/intake';
import { message, type Message } from '../domain/message';
import type { SyncNotice } from '../domain/team/contract';
import {
  acknowledge,
  mergePulled,
  newEntry,
  nextBatch,
  type OutboxEntry,
} from '../domain/team/outbox';
import type { TeamDeps } from '../lib/team';
import { TeamApiError, TeamUnreachable } from '../lib/team-errors';
import type { TeamChange, TeamScope } from '../lib/team-db';
import type { StoreContext } from './context';
import type { DeskState, Slice, TeamSlice, TeamState } from './types';

/** After a request got no answer, the outbox is tried again this often (besides the online event). */
const RETRY_MS = 10_000;

/** What the team view shows of one project: emptied when another project is opened. */
function projectViews(): Pick<
  TeamState,
  'outcomes' | 'reviews' | 'reviewsNext' | 'explanations' | 'agreement' | 'scoring' | 'latestModel'
> {
  return {
    outcomes: [],
    reviews: [],
    reviewsNext: null,
    explanations: new Map(),
    agreement: null,
    scoring: null,
    latestModel: null,
  };
}

const INITIAL: TeamState = {
  server: 'unknown',
  online: true,
  session: null,
  projects: [],
  projectId: null,
  members: [],
  copies: [],
  outbox: [],
  syncing: false,
  lastSyncAt: null,
  ...projectViews(),
  busy: false,
  message: null,
};

function byId(copies: ReadonlyMap<number, SyncNotice>): SyncNotice[] {
  return [...copies.values()].sort((a, b) => a.id - b.id);
}

/** How a failed request is told: the server's own (Chinese) words, or that it did not answer. */
function problemOf(error: unknown): Message {
  if (error instanceof TeamUnreachable) return message('teamUnreachable');
  if (error instanceof TeamApiError) return message('teamServerSaid', { detail: error.message });
  return message('teamFailed', { detail: error instanceof Error ? error.message : String(error) });
}

export const createTeamSlice =
  (ctx: StoreContext): Slice<TeamSlice> =>
  (set, get) => {
    let deps: TeamDeps | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let again = false;

    const team = (): TeamState => get().team;
    const patch = (change: Partial<TeamState>): void => set({ team: { ...team(), ...change } });
    const fail = (error: unknown): void =>
      patch({ busy: false, message: { kind: 'error', body: problemOf(error) } });

    function scope(): TeamScope | null {
      const { session, projectId } = team();
      return session === null || projectId === null ? null : { userId: session.user.id, projectId };
    }

    const isReviewer = (s: DeskState): boolean =>
      s.team.session !== null && s.team.session.user.role !== 'clerk';

    function scheduleRetry(): void {
      if (retry !== null) return;
      retry = setTimeout(() => {
        retry = null;
        void get().syncTeam();
      }, RETRY_MS);
    }

    async function persist(at: TeamScope, change: TeamChange): Promise<void> {
      try {
        await deps?.storage.save(at, change);
      } catch (error) {
        patch({
          message: { kind: 'error', body: message('teamStorageFailed', { detail: String(error) }) },
        });
      }
    }

    async function afterSignIn(): Promise<void> {
      if (deps === null) return;
      const projects = await deps.api.projects();
      patch({ projects });
      const first = projects[0];
      if (first !== undefined) await get().selectProject(first.id);
    }

    /** Sends the outbox in order, batch after batch, each answer applied to what is there by then. */
    async function pushAll(api: TeamDeps['api'], at: TeamScope): Promise<void> {
      for (;;) {
        const batch = nextBatch(team().outbox, at.projectId);
        if (batch.length === 0) return;
        const { results } = await api.push(
          at.projectId,
          batch.map(({ clientId, noticeId, path, decidedAt, baseRev }) => ({
            clientId,
            noticeId,
            path,
            decidedAt,
            baseRev,
          })),
        );
        if (scope()?.projectId !== at.projectId) return;
        const now = team();
        const ack = acknowledge(now.outbox, new Map(now.copies.map((c) => [c.id, c])), results);
        const changed = ack.copies;
        patch({
          outbox: ack.outbox,
          copies: byId(changed),
          outcomes: [...now.outcomes, ...ack.outcomes],
        });
        const left = new Set(ack.outbox.map((e) => e.clientId));
        await persist(at, {
          remove: batch.map((e) => e.clientId).filter((id) => !left.has(id)),
          put: ack.outbox.filter((e) => !now.outbox.includes(e)),
          copies: results.flatMap((r) => changed.get(r.noticeId) ?? []),
        });
      }
    }

    async function pullAll(api: TeamDeps['api'], at: TeamScope): Promise<void> {
      const saved = await deps?.storage.load(at).catch(() => null);
      let cursor = saved?.cursor ?? null;
      for (;;) {
        const page = await api.pull(at.projectId, cursor);
        if (scope()?.projectId !== at.projectId) return;
        const merged = mergePulled(new Map(team().copies.map((c) => [c.id, c])), page.notices);
        patch({ copies: byId(merged) });
        cursor = page.cursor;
        // The copies that won (a page may repeat a notice, or bring an older copy than the one kept).
        const kept = page.notices.flatMap((n) => merged.get(n.id) ?? []);
        await persist(at, { copies: kept, cursor });
        if (!page.more) return;
      }
    }

    return {
      team: INITIAL,

      async openTeam() {
        if (team().server !== 'unknown' || ctx.deps.team === undefined) {
          if (ctx.deps.team === undefined) patch({ server: 'none' });
          return;
        }
        patch({ server: 'checking' });
        try {
          deps = await ctx.deps.team();
        } catch (error) {
          patch({ server: 'none', message: { kind: 'error', body: problemOf(error) } });
          return;
        }
        const loaded = deps;
        if (!(await loaded.api.health())) {
          patch({ server: 'none' });
          return;
        }
        // Followed for the page's life: a reconnect sends the outbox at once.
        loaded.watchConnectivity((online) => {
          patch({ online });
          if (online) void get().syncTeam();
        });
        patch({ server: 'available', online: loaded.isOnline() });
        try {
          const session = await loaded.api.session();
          patch({ session });
          if (session !== null) await afterSignIn();
        } catch (error) {
          fail(error);
        }
      },

      async signIn(name, password) {
        if (deps === null) return;
        patch({ busy: true, message: null });
        try {
          const session = await deps.api.login(name, password);
          patch({ session, busy: false });
          await afterSignIn();
        } catch (error) {
          fail(error);
        }
      },

      async signOut() {
        if (deps === null) return;
        if (retry !== null) clearTimeout(retry);
        retry = null;
        try {
          await deps.api.logout();
        } catch (error) {
          fail(error);
          return;
        }
        // The outbox stays on disk: it is sent when this clerk signs in again.
        patch({ ...INITIAL, server: 'available', online: team().online });
      },

      async selectProject(projectId) {
        if (deps === null || team().session === null) return;
        const session = team().session;
        if (session === null) return;
        const at = { userId: session.user.id, projectId };
        const saved = await deps.storage
          .load(at)
          .catch(() => ({ copies: [], outbox: [] as OutboxEntry[], cursor: null }));
        patch({
          projectId,
          copies: byId(new Map(saved.copies.map((c) => [c.id, c]))),
          outbox: saved.outbox,
          ...projectViews(),
        });
        try {
          patch({ members: await deps.api.members(projectId) });
        } catch (error) {
          fail(error);
        }
        void get().loadTeamModel();
        if (isReviewer(get())) {
          await get().loadReviews();
          await get().loadAgreement();
        } else {
          await get().syncTeam();
        }
      },

      async takeWork(count) {
        const at = scope();
        if (deps === null || at === null) return;
        patch({ busy: true, message: null });
        try {
          const { assigned } = await deps.api.take(at.projectId, count);
          patch({
            busy: false,
            message: { kind: 'info', body: message('teamTaken', { n: assigned.length }) },
          });
          await get().syncTeam();
        } catch (error) {
          fail(error);
        }
      },

      async syncTeam() {
        const at = scope();
        if (deps === null || at === null || isReviewer(get())) return;
        if (team().syncing) {
          again = true;
          return;
        }
        const api = deps.api;
        patch({ syncing: true });
        try {
          await pushAll(api, at);
          await pullAll(api, at);
          patch({ online: true, lastSyncAt: ctx.deps.clock.now().toISOString() });
        } catch (error) {
          if (error instanceof TeamUnreachable) {
            patch({ online: false });
            scheduleRetry();
          } else if (error instanceof TeamApiError && error.status === 401) {
            patch({ session: null, message: { kind: 'error', body: message('teamSignedOut') } });
          } else {
            fail(error);
          }
        } finally {
          patch({ syncing: false });
        }
        if (again) {
          again = false;
          await get().syncTeam();
        }
      },

      async decideTeam(noticeId, path) {
        const at = scope();
        const copy = team().copies.find((c) => c.id === noticeId);
        if (deps === null || at === null || copy === undefined) return;
        const entry = newEntry(
          team().outbox,
          copy,
          at.projectId,
          deps.newClientId(),
          path,
          ctx.deps.clock.now().toISOString(),
        );
        // On disk before the clerk sees it taken: a reload or a crash from here on loses nothing.
        await persist(at, { put: [entry] });
        patch({ outbox: [...team().outbox, entry] });
        await get().syncTeam();
      },

      async loadTeamNotices(text) {
        const at = scope();
        if (deps === null || at === null) return;
        const checked = checkPaste(text);
        if (!checked.ok) {
          patch({ message: { kind: 'error', body: checked.reason } });
          return;
        }
        patch({ busy: true, message: null });
        try {
          const result = await deps.api.loadNotices(at.projectId, [checked.text]);
          patch({
            busy: false,
            projects: await deps.api.projects(),
            message: {
              kind: 'info',
              body: message('teamLoaded', {
                added: result.added.length,
                duplicates: result.duplicates,
              }),
            },
          });
        } catch (error) {
          fail(error);
        }
      },

      async assignTeam(userId, count) {
        const at = scope();
        if (deps === null || at === null) return;
        patch({ busy: true, message: null });
        try {
          const { assigned } = await deps.api.assign(at.projectId, userId, count);
          const name = team().members.find((m) => m.userId === userId)?.name ?? String(userId);
          patch({
            busy: false,
            projects: await deps.api.projects(),
            message: { kind: 'info', body: message('teamAssigned', { n: assigned.length, name }) },
          });
        } catch (error) {
          fail(error);
        }
      },

      async loadReviews(more = false) {
        const at = scope();
        if (deps === null || at === null) return;
        const api = deps.api;
        const shown = more ? team().reviews : [];
        try {
          const { items, next } = await api.reviews(at.projectId, more ? team().reviewsNext : null);
          const explained = await Promise.all(
            items.map((item) => api.explain(at.projectId, item.notice.id).catch(() => null)),
          );
          const explanations = new Map([
            ...(more ? team().explanations : []),
            ...explained.flatMap((e) => (e === null ? [] : [[e.noticeId, e] as const])),
          ]);
          patch({
            reviews: [...shown, ...items],
            reviewsNext: next,
            explanations,
            projects: await api.projects(),
          });
        } catch (error) {
          fail(error);
        }
      },

      async settleReview(noticeId, rev, path) {
        const at = scope();
        if (deps === null || at === null) return;
        patch({ busy: true, message: null });
        try {
          await deps.api.review(at.projectId, { noticeId, rev, path });
          patch({ busy: false, message: { kind: 'info', body: message('teamReviewed') } });
        } catch (error) {
          fail(error);
        }
        await get().loadReviews();
        await get().loadAgreement();
      },

      async teamNoticeText(noticeId) {
        const at = scope();
        if (deps === null || at === null) return null;
        try {
          return await deps.api.noticeText(at.projectId, noticeId);
        } catch (error) {
          fail(error);
          return null;
        }
      },

      async loadAgreement() {
        const at = scope();
        if (deps === null || at === null) return;
        try {
          patch({ agreement: await deps.api.agreement(at.projectId) });
        } catch (error) {
          fail(error);
        }
      },

      async loadTeamModel() {
        const at = scope();
        if (deps === null || at === null) return;
        try {
          const [scoring, models] = await Promise.all([
            deps.api.model(at.projectId),
            deps.api.models(at.projectId),
          ]);
          const newest = models[0] ?? null;
          patch({
            scoring,
            latestModel: newest !== null && newest.id !== scoring.ref.id ? newest : null,
          });
        } catch (error) {
          fail(error);
        }
      },

      async trainOfficeModel() {
        const at = scope();
        if (deps === null || at === null) return;
        patch({ busy: true, message: null });
        try {
          const started = await deps.api.train(at.projectId);
          patch({
            busy: false,
            latestModel: started,
            message: { kind: 'info', body: message('teamTrainingStarted') },
          });
        } catch (error) {
          fail(error);
        }
      },

      teamExportUrl(what) {
        const at = scope();
        return deps === null || at === null ? null : deps.api.exportUrl(at.projectId, what);
      },

      dismissTeamMessage() {
        patch({ message: null });
      },
    };
  };
