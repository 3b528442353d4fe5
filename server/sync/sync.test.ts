import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/export/cms-csv';
import { parseDeskJsonl } from '../../src/domain/export/jsonl';
import type {
  Agreement,
  AuditEvent,
  Explanation,
  LoadResult,
  PullResponse,
  PushResponse,
  ReviewPage,
  SyncNotice,
} from '../../src/domain/team/contract';
import type { TopicPath } from '../../src/domain/taxonomy/taxonomy';
import type { ApiClient } from '../test-support/client';
import { forEachDatabase } from '../test-support/env';
import { sampleNotices } from '../test-support/notices';
import { setupTeam, type Team } from '../test-support/team';

const WELFARE: TopicPath = { label1: '民政、扶贫、救灾', label2: '社会福利' };
const OTHER: TopicPath = { label1: '民政、扶贫、救灾', label2: '其他' };
const EDUCATION: TopicPath = { label1: '科技、教育', label2: '教育' };

/** No rule sends a clerk's label to review by itself: only conflicts do. */
const PLAIN = { doubleShare: 0, reviewOriginal: false, reviewSuggestionAbove: null };

let ids = 0;
const clientId = (): string => `test-${String(++ids).padStart(8, '0')}`;

async function load(team: Team, texts: string[]): Promise<number[]> {
  const reply = await team.reviewer.post<LoadResult>(`/api/projects/${team.projectId}/notices`, {
    notices: texts.map((text) => ({ text })),
  });
  expect(reply.status).toBe(201);
  return [...reply.body.added];
}

/** A full pull from the start (or `cursor`), following pages. */
async function pullAll(
  clerk: ApiClient,
  projectId: number,
  cursor = '',
  limit = 500,
): Promise<{ notices: SyncNotice[]; cursor: string; pages: number }> {
  const notices: SyncNotice[] = [];
  let pages = 0;
  for (;;) {
    const reply = await clerk.get<PullResponse>(
      `/api/projects/${projectId}/sync?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(reply.status).toBe(200);
    notices.push(...reply.body.notices);
    cursor = reply.body.cursor;
    pages += 1;
    if (!reply.body.more) return { notices, cursor, pages };
  }
}

function decision(notice: SyncNotice, path: TopicPath, id = clientId()) {
  return {
    clientId: id,
    noticeId: notice.id,
    path,
    decidedAt: new Date().toISOString(),
    baseRev: notice.rev,
  };
}

async function push(clerk: ApiClient, projectId: number, decisions: unknown[]) {
  return clerk.post<PushResponse>(`/api/projects/${projectId}/sync`, { decisions });
}

forEachDatabase('the shared queue and sync', (env) => {
  it('hands out work without overlap, pulls it in pages, and then only what changed', async () => {
    const team = await setupTeam(env(), PLAIN);
    const loaded = await load(team, sampleNotices(12, 100));
    expect(loaded).toHaveLength(12);

    const taken = await team.clerkA.post<{ assigned: number[] }>(
      `/api/projects/${team.projectId}/take`,
      { count: 5 },
    );
    expect(taken.body.assigned).toEqual(loaded.slice(0, 5));
    const given = await team.reviewer.post<{ assigned: number[] }>(
      `/api/projects/${team.projectId}/assignments`,
      { userId: team.ids.clerkB, count: 100 },
    );
    // single-labelled notices go to one clerk only
    expect(given.body.assigned).toEqual(loaded.slice(5));

    const first = await pullAll(team.clerkA, team.projectId, '', 2);
    expect(first.pages).toBe(3);
    expect(first.notices.map((n) => n.id).sort((a, b) => a - b)).toEqual(loaded.slice(0, 5));
    expect(first.notices[0]?.suggestions?.length).toBe(3);
    expect(first.notices[0]?.rev).toBe(1);

    const again = await pullAll(team.clerkA, team.projectId, first.cursor);
    expect(again.notices).toEqual([]);

    const notice = first.notices[0];
    if (!notice) throw new Error('no notice');
    const pushed = await push(team.clerkA, team.projectId, [decision(notice, WELFARE)]);
    expect(pushed.body.results[0]).toMatchObject({ status: 'accepted', rev: 2, state: 'done' });
    const changed = await pullAll(team.clerkA, team.projectId, first.cursor);
    expect(changed.notices.map((n) => n.id)).toEqual([notice.id]);
    expect(changed.notices[0]).toMatchObject({ rev: 2, state: 'done', final: WELFARE });
    expect(changed.notices[0]?.decision?.path).toEqual(WELFARE);
  });

  it('acknowledges a resent decision without storing it twice', async () => {
    const team = await setupTeam(env(), PLAIN);
    await load(team, sampleNotices(3, 200));
    await team.clerkA.post(`/api/projects/${team.projectId}/take`, { count: 3 });
    const { notices } = await pullAll(team.clerkA, team.projectId);
    const batch = notices.map((n) => decision(n, EDUCATION));
    const once = await push(team.clerkA, team.projectId, batch);
    expect(once.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const twice = await push(team.clerkA, team.projectId, batch);
    expect(twice.body.results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(twice.body.results.map((r) => r.rev)).toEqual(once.body.results.map((r) => r.rev));
    const [count] = await env().db.query<{ n: number }>(
      'SELECT count(*) AS n FROM decisions d JOIN notices n ON n.id = d.notice_id WHERE n.project_id = $1',
      [team.projectId],
    );
    expect(count?.n).toBe(3);
  });

  it('keeps a clerk’s offline changes of mind in one batch without a conflict', async () => {
    const team = await setupTeam(env(), PLAIN);
    await load(team, sampleNotices(1, 300));
    await team.clerkA.post(`/api/projects/${team.projectId}/take`, { count: 1 });
    const [notice] = (await pullAll(team.clerkA, team.projectId)).notices;
    if (!notice) throw new Error('no notice');
    // Both made offline on rev 1, in this order.
    const results = await push(team.clerkA, team.projectId, [
      decision(notice, WELFARE),
      decision(notice, OTHER),
    ]);
    expect(results.body.results.map((r) => [r.status, r.rev])).toEqual([
      ['accepted', 2],
      ['accepted', 3],
    ]);
    const [row] = await env().db.query<{ state: string; final_topic: TopicPath }>(
      'SELECT state, final_topic FROM notices WHERE id = $1',
      [notice.id],
    );
    expect(row).toEqual({ state: 'done', final_topic: OTHER });
  });

  it('sends a stale edit to review with both decisions, and takes the reviewer’s choice as final', async () => {
    const team = await setupTeam(env(), PLAIN);
    await load(team, sampleNotices(1, 400));
    await team.clerkA.post(`/api/projects/${team.projectId}/take`, { count: 1 });
    const [notice] = (await pullAll(team.clerkA, team.projectId)).notices;
    if (!notice) throw new Error('no notice');
    // Laptop online: WELFARE. Tablet offline on the same rev 1: OTHER, pushed later.
    await push(team.clerkA, team.projectId, [decision(notice, WELFARE)]);
    const late = await push(team.clerkA, team.projectId, [decision(notice, OTHER)]);
    expect(late.body.results[0]).toMatchObject({ status: 'conflict', state: 'review' });

    const reviews = await team.reviewer.get<ReviewPage>(`/api/projects/${team.projectId}/reviews`);
    const item = reviews.body.items.find((i) => i.notice.id === notice.id);
    expect(item?.reasons).toEqual(['stale']);
    expect(item?.decisions.map((d) => [d.path.label2, d.stale])).toEqual([
      ['社会福利', false],
      ['其他', true],
    ]);
    expect(item?.decisions.every((d) => typeof d.score === 'number')).toBe(true);
    if (!item) throw new Error('no review item');

    const explained = await team.reviewer.get<Explanation>(
      `/api/projects/${team.projectId}/notices/${notice.id}/explain`,
    );
    const explainedPaths = explained.body.labels.map((l) => `${l.path.label1}\\${l.path.label2}`);
    expect(explainedPaths).toContain('民政、扶贫、救灾\\其他');
    expect(explainedPaths).toContain('民政、扶贫、救灾\\社会福利');
    expect(explained.body.labels[0]?.evidence.length).toBeGreaterThan(0);

    const stale = await team.reviewer.post(`/api/projects/${team.projectId}/reviews`, {
      noticeId: notice.id,
      rev: item.notice.rev - 1,
      path: WELFARE,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'stale_revision' } });

    const reviewed = await team.reviewer.post(`/api/projects/${team.projectId}/reviews`, {
      noticeId: notice.id,
      rev: item.notice.rev,
      path: WELFARE,
      note: '平板上的旧修改',
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ state: 'done', final: WELFARE });
    const after = (await pullAll(team.clerkA, team.projectId)).notices[0];
    expect(after).toMatchObject({ state: 'done', final: WELFARE });

    const events = await team.reviewer.get<{ events: AuditEvent[] }>(
      `/api/projects/${team.projectId}/events?limit=1000`,
    );
    const kinds = events.body.events.filter((e) => e.noticeId === notice.id).map((e) => e.kind);
    expect(kinds).toEqual(['decision', 'decision', 'review']);
    const review = events.body.events.find((e) => e.kind === 'review');
    expect(review?.rev).toBe(item.notice.rev);
    expect(review?.actor?.name).toMatch(/-reviewer$/);
  });

  it('gives the double-labelled share to two clerks, reviews their disagreements and reports kappa', async () => {
    const team = await setupTeam(env(), { ...PLAIN, doubleShare: 1 });
    const loaded = await load(team, sampleNotices(4, 500));
    for (const clerk of [team.clerkA, team.clerkB]) {
      const taken = await clerk.post<{ assigned: number[] }>(
        `/api/projects/${team.projectId}/take`,
        {
          count: 10,
        },
      );
      expect(taken.body.assigned).toEqual(loaded);
    }
    const a = (await pullAll(team.clerkA, team.projectId)).notices.sort((x, y) => x.id - y.id);
    const b = (await pullAll(team.clerkB, team.projectId)).notices.sort((x, y) => x.id - y.id);
    // A labels all four; B agrees on three and disagrees on the last.
    const labelsA = [WELFARE, EDUCATION, WELFARE, EDUCATION];
    const labelsB = [WELFARE, EDUCATION, WELFARE, WELFARE];
    await push(
      team.clerkA,
      team.projectId,
      a.map((n, i) => decision(n, labelsA[i] ?? WELFARE)),
    );
    const second = await push(
      team.clerkB,
      team.projectId,
      b.map((n, i) => decision(n, labelsB[i] ?? WELFARE)),
    );
    expect(second.body.results.map((r) => r.state)).toEqual(['done', 'done', 'done', 'review']);

    const reviews = await team.reviewer.get<ReviewPage>(`/api/projects/${team.projectId}/reviews`);
    expect(reviews.body.items.map((i) => [i.notice.id, i.reasons])).toEqual([
      [loaded[3], ['two-clerks']],
    ]);
    const agreement = await team.reviewer.get<Agreement>(
      `/api/projects/${team.projectId}/agreement`,
    );
    expect(agreement.body.doubleLabelled).toEqual({ planned: 4, complete: 4 });
    // 3 of 4 agree; chance agreement 0.5 (A: 2+2, B: 3+1) → kappa 0.5
    expect(agreement.body.kappa.level2.kappa).toBeCloseTo(0.5);
    expect(agreement.body.kappa.level1.n).toBe(4);

    const item = reviews.body.items[0];
    if (!item) throw new Error('no review item');
    await team.reviewer.post(`/api/projects/${team.projectId}/reviews`, {
      noticeId: item.notice.id,
      rev: item.notice.rev,
      path: EDUCATION,
    });
    const after = await team.reviewer.get<Agreement>(`/api/projects/${team.projectId}/agreement`);
    const byName = new Map(after.body.clerks.map((c) => [c.userId, c]));
    expect(byName.get(team.ids.clerkA)).toMatchObject({ n: 4, agreed: 4, rate: 1 });
    expect(byName.get(team.ids.clerkB)).toMatchObject({ n: 4, agreed: 3, rate: 0.75 });
  });

  it('sends a label against 原标注 or a confident suggestion to review when the project says so', async () => {
    const team = await setupTeam(env(), { ...PLAIN, reviewOriginal: true });
    await load(team, sampleNotices(1, 600)); // a welfare notice whose header says 社会福利
    await team.clerkA.post(`/api/projects/${team.projectId}/take`, { count: 1 });
    const [notice] = (await pullAll(team.clerkA, team.projectId)).notices;
    if (!notice) throw new Error('no notice');
    expect(notice.originalTopic).toEqual(WELFARE);
    const pushed = await push(team.clerkA, team.projectId, [decision(notice, EDUCATION)]);
    expect(pushed.body.results[0]?.state).toBe('review');
    const reviews = await team.reviewer.get<ReviewPage>(`/api/projects/${team.projectId}/reviews`);
    expect(reviews.body.items[0]?.reasons).toContain('original');
  });

  it('refuses bad pushes whole (nothing written) and rejects single decisions it may not take', async () => {
    const team = await setupTeam(env(), PLAIN);
    const loaded = await load(team, sampleNotices(2, 700));
    await team.clerkA.post(`/api/projects/${team.projectId}/take`, { count: 1 });
    const [mine] = (await pullAll(team.clerkA, team.projectId)).notices;
    if (!mine) throw new Error('no notice');
    const countDecisions = async (): Promise<number> =>
      (
        await env().db.query<{ n: number }>(
          'SELECT count(*) AS n FROM decisions WHERE notice_id = ANY($1::integer[])',
          [loaded],
        )
      )[0]?.n ?? -1;

    const outside = await push(team.clerkA, team.projectId, [
      decision(mine, { label1: '民政、扶贫、救灾', label2: '不存在的分类' }),
    ]);
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ error: { code: 'unknown_label' } });
    expect((outside.body as unknown as { error: { message: string } }).error.message).toMatch(
      /不在主题分类表中/,
    );

    const wrongType = await push(team.clerkA, team.projectId, [
      { ...decision(mine, WELFARE), baseRev: '1' },
    ]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ error: { code: 'invalid_body' } });

    const extra = await push(team.clerkA, team.projectId, [
      { ...decision(mine, WELFARE), note: 'x' },
    ]);
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('不允许的字段');

    const broken = await team.clerkA.call('POST', `/api/projects/${team.projectId}/sync`, {
      body: '{"decisions": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: 'invalid_json' } });
    expect(await countDecisions()).toBe(0);

    const future = await push(team.clerkA, team.projectId, [
      { ...decision(mine, WELFARE), baseRev: 9 },
    ]);
    expect(future.body.results[0]).toMatchObject({ status: 'rejected', code: 'stale_revision' });
    const notMine = await push(team.clerkA, team.projectId, [
      { ...decision(mine, WELFARE), noticeId: loaded[1] },
    ]);
    expect(notMine.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await countDecisions()).toBe(0);
  });

  it('exports the final labels as the desk’s CSV and JSONL, and the audit trail', async () => {
    const team = await setupTeam(env(), PLAIN);
    await load(team, sampleNotices(3, 800));
    await team.clerkA.post(`/api/projects/${team.projectId}/take`, { count: 2 });
    const { notices } = await pullAll(team.clerkA, team.projectId);
    await push(
      team.clerkA,
      team.projectId,
      notices.map((n) => decision(n, WELFARE)),
    );

    const csv = await team.reviewer.get(`/api/projects/${team.projectId}/export.csv?separator=/`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename=".*\.csv"; filename\*=UTF-8''/,
    );
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).filter((r) => r.includes('民政、扶贫、救灾/社会福利'))).toHaveLength(2);

    const jsonl = await team.reviewer.get(`/api/projects/${team.projectId}/export.jsonl`);
    const read = parseDeskJsonl(jsonl.text);
    expect(read.errors).toEqual([]);
    expect(read.records).toHaveLength(3);
    expect(read.records.filter((r) => r.decision !== null)).toHaveLength(2);

    const trail = await team.reviewer.get(`/api/projects/${team.projectId}/events.jsonl`);
    const events = trail.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEvent);
    expect(events.filter((e) => e.kind === 'decision')).toHaveLength(2);
    expect(events.map((e) => e.kind)).toContain('notices.loaded');

    const clerkExport = await team.clerkA.get(`/api/projects/${team.projectId}/export.csv`);
    expect(clerkExport.status).toBe(403);
  });
});

describe('the pull cursor', () => {
  it('is opaque but checked: a damaged cursor is a 400 with a way out', async () => {
    const { decodeCursor, encodeCursor, START } = await import('./cursor');
    expect(decodeCursor(encodeCursor({ since: '42', next: '50', after: ['43', 7] }))).toEqual({
      since: '42',
      next: '50',
      after: ['43', 7],
    });
    expect(decodeCursor(undefined)).toEqual(START);
    expect(() => decodeCursor('bm90LWEtY3Vyc29y')).toThrow(/重新完整拉取/);
  });
});
