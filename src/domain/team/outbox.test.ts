import { describe, expect, it } from 'vitest';
import type { PushResult, SyncNotice } from './contract';
import { EMPTY_META } from '../export/test-support/records';
import {
  acknowledge,
  copyView,
  mergePulled,
  newEntry,
  nextBatch,
  type OutboxEntry,
} from './outbox';

const CIVIL = { label1: '民政、扶贫、救灾', label2: '社会福利' };
const SAFETY = { label1: '市场监管、安全生产监管', label2: '安全生产监管' };

function notice(id: number, rev: number, over: Partial<SyncNotice> = {}): SyncNotice {
  return {
    id,
    contentId: `c${id}`,
    text: '通知',
    source: { kind: 'paste', name: null },
    addedAt: '2026-01-01T00:00:00.000Z',
    meta: { ...EMPTY_META, title: `通知${id}` },
    originalTopic: null,
    suggestions: [{ path: CIVIL, score: 0.8 }],
    rev,
    state: 'open',
    decision: null,
    final: null,
    ...over,
  };
}

function accepted(clientId: string, noticeId: number, rev: number): PushResult {
  return { clientId, noticeId, status: 'accepted', rev, state: 'done' };
}

describe('team outbox', () => {
  it('keeps the pulled copy with the higher revision, whatever order they come in', () => {
    const merged = mergePulled(new Map([[1, notice(1, 3)]]), [notice(1, 2), notice(2, 1)]);
    expect(merged.get(1)?.rev).toBe(3);
    expect(merged.get(2)?.rev).toBe(1);
    expect(mergePulled(merged, [notice(1, 4)]).get(1)?.rev).toBe(4);
  });

  it('builds a second decision on the same notice on the first one’s base, and rebases it on the answer', () => {
    const copy = notice(1, 5);
    const first = newEntry([], copy, 7, 'a-first-1', CIVIL, '2026-01-02T00:00:00.000Z');
    const second = newEntry([first], copy, 7, 'b-second-2', SAFETY, '2026-01-02T00:01:00.000Z');
    expect([first.baseRev, second.baseRev, second.seq]).toEqual([5, 5, 2]);

    const ack = acknowledge([second, first], new Map([[1, copy]]), [accepted('a-first-1', 1, 6)]);
    expect(ack.outbox).toEqual([{ ...second, baseRev: 6 }]);
    expect(ack.copies.get(1)).toMatchObject({
      rev: 6,
      decision: { path: CIVIL, status: 'confirmed' },
    });
  });

  it('takes answered decisions out of the outbox and reports conflicts and rejections to the clerk', () => {
    const copies = new Map([
      [1, notice(1, 1)],
      [2, notice(2, 1)],
    ]);
    const a = newEntry([], notice(1, 1), 7, 'a-aaaaaaaa', SAFETY, '2026-01-02T00:00:00.000Z');
    const b = newEntry([a], notice(2, 1), 7, 'b-bbbbbbbb', CIVIL, '2026-01-02T00:00:00.000Z');
    const ack = acknowledge([a, b], copies, [
      { clientId: a.clientId, noticeId: 1, status: 'conflict', rev: 2, state: 'review' },
      {
        clientId: b.clientId,
        noticeId: 2,
        status: 'rejected',
        rev: null,
        state: null,
        code: 'forbidden',
        message: '这条公文没有分配给你。',
      },
    ]);
    expect(ack.outbox).toEqual([]);
    expect(ack.outcomes).toEqual([
      { noticeId: 1, status: 'conflict', message: null },
      { noticeId: 2, status: 'rejected', message: '这条公文没有分配给你。' },
    ]);
    expect(ack.copies.get(1)).toMatchObject({
      state: 'review',
      decision: { status: 'overridden' },
    });
    expect(ack.copies.get(2)?.rev).toBe(1);
  });

  it('leaves entries the answer does not mention to be resent unchanged', () => {
    const a = newEntry([], notice(1, 1), 7, 'a-aaaaaaaa', CIVIL, '2026-01-02T00:00:00.000Z');
    expect(acknowledge([a], new Map(), []).outbox).toEqual([a]);
  });

  it('sends one project’s decisions in the order the clerk made them, in batches', () => {
    const entries: OutboxEntry[] = [3, 1, 2].map((seq) => ({
      clientId: `id-${seq}-xxxxx`,
      projectId: seq === 2 ? 8 : 7,
      noticeId: seq,
      path: CIVIL,
      decidedAt: '2026-01-02T00:00:00.000Z',
      baseRev: 1,
      seq,
    }));
    expect(nextBatch(entries, 7).map((e) => e.seq)).toEqual([1, 3]);
    expect(nextBatch(entries, 7, 1).map((e) => e.seq)).toEqual([1]);
  });

  it('shows the clerk their newest decision, marked as unsent until the server has it', () => {
    const copy = notice(1, 2, { decision: { path: CIVIL, status: 'confirmed', decidedAt: 'x' } });
    expect(copyView(copy, [])).toMatchObject({ decision: CIVIL, unsent: false });
    const e = newEntry([], copy, 7, 'a-aaaaaaaa', SAFETY, '2026-01-02T00:00:00.000Z');
    expect(copyView(copy, [e])).toMatchObject({ decision: SAFETY, unsent: true });
  });
});
