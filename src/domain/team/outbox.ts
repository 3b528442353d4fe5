/**
 * The desk's side of team sync, as pure functions: the clerk's copies of assigned notices and the
 * outbox of decisions not yet acknowledged by the server. The store keeps both in IndexedDB, so a
 * clerk who works offline for a day loses nothing; each decision carries a client id made when the
 * clerk decided, so a resend after a lost answer never duplicates it (server/README.md, "Sync").
 */
import type { TopicPath } from '../taxonomy/taxonomy';
import type { PushDecision, PushResult, SyncNotice } from './contract';
import { samePath, type NoticeState } from './settle';

/** A decision waiting for the server's answer, in the order the clerk made them (seq). */
export interface OutboxEntry extends PushDecision {
  readonly projectId: number;
  readonly seq: number;
}

/** Why a pushed decision needs the clerk's attention. */
export interface SyncOutcome {
  readonly noticeId: number;
  readonly status: 'conflict' | 'rejected';
  /** The server's Chinese message for a rejection. */
  readonly message: string | null;
}

/** The copy with the higher revision wins: a notice may come back more than once from a pull. */
export function mergePulled(
  copies: ReadonlyMap<number, SyncNotice>,
  pulled: readonly SyncNotice[],
): Map<number, SyncNotice> {
  const merged = new Map(copies);
  for (const notice of pulled) {
    const had = merged.get(notice.id);
    if (had === undefined || notice.rev >= had.rev) merged.set(notice.id, notice);
  }
  return merged;
}

/**
 * A new decision on a copy: built on the copy's revision, or on the base of an earlier decision on
 * the same notice that is still waiting (it is rebased once that one is acknowledged).
 */
export function newEntry(
  outbox: readonly OutboxEntry[],
  copy: SyncNotice,
  projectId: number,
  clientId: string,
  path: TopicPath,
  decidedAt: string,
): OutboxEntry {
  const waiting = outbox.filter((e) => e.projectId === projectId && e.noticeId === copy.id).at(-1);
  const seq = outbox.reduce((max, e) => Math.max(max, e.seq), 0) + 1;
  return {
    clientId,
    projectId,
    noticeId: copy.id,
    path,
    decidedAt,
    baseRev: waiting?.baseRev ?? copy.rev,
    seq,
  };
}

/** The next batch to send: the oldest first, at most `limit` (the server takes 500). */
export function nextBatch(
  outbox: readonly OutboxEntry[],
  projectId: number,
  limit = 500,
): OutboxEntry[] {
  return outbox
    .filter((e) => e.projectId === projectId)
    .sort((a, b) => a.seq - b.seq)
    .slice(0, limit);
}

export interface Acknowledged {
  /** What is still to send, later entries rebased on the acknowledged revisions. */
  readonly outbox: OutboxEntry[];
  /** The copies with the revision and state the server answered. */
  readonly copies: Map<number, SyncNotice>;
  readonly outcomes: SyncOutcome[];
}

/**
 * Applies the server's answer to a sent batch: every answered entry leaves the outbox (a rejected
 * one is not resent: the clerk is told); a later entry on the same notice and the same base is
 * rebased on the revision the server gave, as the server itself does within one batch.
 */
export function acknowledge(
  outbox: readonly OutboxEntry[],
  copies: ReadonlyMap<number, SyncNotice>,
  results: readonly PushResult[],
): Acknowledged {
  let remaining = [...outbox].sort((a, b) => a.seq - b.seq);
  const updated = new Map(copies);
  const outcomes: SyncOutcome[] = [];
  for (const result of results) {
    const sent = remaining.find((e) => e.clientId === result.clientId);
    if (sent === undefined) continue;
    remaining = remaining.filter((e) => e !== sent);
    if (result.status === 'rejected') {
      outcomes.push({
        noticeId: sent.noticeId,
        status: 'rejected',
        message: result.message ?? null,
      });
      continue;
    }
    if (result.status === 'conflict') {
      outcomes.push({ noticeId: sent.noticeId, status: 'conflict', message: null });
    }
    const rev = result.rev;
    if (rev === null) continue;
    remaining = remaining.map((e) =>
      e.projectId === sent.projectId && e.noticeId === sent.noticeId && e.baseRev === sent.baseRev
        ? { ...e, baseRev: rev }
        : e,
    );
    const copy = updated.get(sent.noticeId);
    if (copy !== undefined && rev >= copy.rev) {
      updated.set(sent.noticeId, {
        ...copy,
        rev,
        state: result.state ?? copy.state,
        decision: { path: sent.path, status: statusOf(copy, sent.path), decidedAt: sent.decidedAt },
      });
    }
  }
  return { outbox: remaining, copies: updated, outcomes };
}

/** As the server works it out: the first suggestion taken is 已确认, anything else 已改标. */
function statusOf(copy: SyncNotice, path: TopicPath): 'confirmed' | 'overridden' {
  const first = copy.suggestions?.[0];
  return first !== undefined && samePath(first.path, path) ? 'confirmed' : 'overridden';
}

/** What the clerk sees of a copy: the newest decision, sent or not, and whether it is still waiting. */
export interface CopyView {
  readonly notice: SyncNotice;
  readonly decision: TopicPath | null;
  readonly unsent: boolean;
  readonly state: NoticeState;
}

export function copyView(notice: SyncNotice, outbox: readonly OutboxEntry[]): CopyView {
  const waiting = outbox
    .filter((e) => e.noticeId === notice.id)
    .sort((a, b) => a.seq - b.seq)
    .at(-1);
  return {
    notice,
    decision: waiting?.path ?? notice.decision?.path ?? null,
    unsent: waiting !== undefined,
    state: notice.state,
  };
}
