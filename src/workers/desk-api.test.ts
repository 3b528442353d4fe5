import { describe, expect, it } from 'vitest';
import { serialiseModel, trainModel } from '../domain/classifier';
import { TINY_PRIOR } from '../domain/classifier/test-support/fixtures';
import { parseNotice } from '../domain/notice';
import { createDeskWorkerApi } from './desk-api';
import { learnFromDecision, localModelFile, provenance, readLocalModel } from './learning';
import type { NoticeRef } from './protocol';

const model = trainModel([], { prior: TINY_PRIOR, metrics: { updates: 0 } });
const modelJson = (): unknown => JSON.parse(JSON.stringify(serialiseModel(model)));
const target = { label1: '农业、林业、水利', label2: '农业、畜牧业、渔业' };
const decided = '关于农村养老服务和种植补贴的通知\n农产品种植补贴和养老服务。';
// The first pending notice speaks of what the decided one does (种植补贴 for 农产品), so the
// clerk's decision should carry over to it; the second has nothing in common with it.
const pendingTexts = [
  '关于农产品种植补贴和养老服务工作的通知\n做好农产品种植补贴发放和养老服务。',
  '关于做好疫情防控和医院管理的通知\n医院要做好疫情防控。',
];

/** The worker's API in-process, counting every parse it makes. */
async function deskWorker(cacheSize?: number) {
  const parsed: string[] = [];
  const api = createDeskWorkerApi(async () => modelJson(), {
    parse: (text) => {
      parsed.push(text);
      return parseNotice(text);
    },
    ...(cacheSize === undefined ? {} : { cacheSize }),
  });
  const status = await api.loadModel('model.json');
  expect(status.ok).toBe(true);
  return { api, parsed };
}

async function refs(api: ReturnType<typeof createDeskWorkerApi>, texts: string[]) {
  const analyses = await api.analyse(texts);
  return analyses.map((a, i): NoticeRef => ({ id: a.id, text: texts[i] ?? '' }));
}

describe('the desk worker parses each notice once', () => {
  it('explains, re-scores and learns from the parse made when the notice arrived', async () => {
    const { api, parsed } = await deskWorker();
    const [notice, other] = await refs(api, [decided, ...pendingTexts]);
    if (!notice || !other) throw new Error('analyse returned too few');
    const explained = await api.explain(notice);
    expect(explained.parsed.text).toBe(decided);
    expect(explained.classification?.top.length).toBeGreaterThan(0);
    await api.rescore([notice, other]);
    await api.learn(notice, target);
    expect(parsed).toEqual([decided, ...pendingTexts]);
  });

  it('parses a notice it never saw (after a reload) once, then keeps that parse', async () => {
    const { api, parsed } = await deskWorker();
    const notice = { id: 'saved-before-reload', text: decided };
    await api.explain(notice);
    await api.explain(notice);
    await api.rescore([notice]);
    expect(parsed).toEqual([decided]);
  });

  it('keeps at most its cache size, and a re-score of the whole queue never evicts what is read', async () => {
    const { api, parsed } = await deskWorker(2);
    const [a, b] = await refs(api, pendingTexts);
    if (!a || !b) throw new Error('analyse returned too few');
    const stranger = { id: 'other', text: decided };
    await api.rescore([stranger, a, b]);
    await api.explain(a);
    await api.explain(b);
    expect(parsed).toEqual([...pendingTexts, decided]);
  });
});

describe('the local model in the desk worker', () => {
  it('changes the pending notices’ suggestions at once, without a retrain, and counts the update', async () => {
    const { api } = await deskWorker();
    const [notice, p0, p1] = await refs(api, [decided, ...pendingTexts]);
    if (!notice || !p0 || !p1) throw new Error('analyse returned too few');
    const before = await api.rescore([p0, p1]);
    for (let i = 0; i < 3; i++) await api.learn(notice, target);
    const after = await api.rescore([p0, p1]);
    const scoreOf = (s: readonly { path: { label2: string | null }; score: number }[]): number =>
      s.find((t) => t.path.label2 === target.label2)?.score ?? 0;
    expect(before[0]?.[0]?.path).not.toEqual(target);
    expect(after[0]?.[0]?.path).toEqual(target);
    expect(scoreOf(after[0] ?? [])).toBeGreaterThan(scoreOf(before[0] ?? []));
    // A notice that has nothing in common with the decision keeps its first suggestion.
    expect(after[1]?.[0]?.path).toEqual(before[1]?.[0]?.path);
    const file = await api.exportLocalModel();
    expect(file && provenance(readLocalModel(file), model).updates).toBe(3);
  });

  it('undo takes the last learnt decision back out, down to the shipped model', async () => {
    const { api } = await deskWorker();
    const [notice, p0, p1] = await refs(api, [decided, ...pendingTexts]);
    if (!notice || !p0 || !p1) throw new Error('analyse returned too few');
    const before = await api.rescore([p0, p1]);
    await api.learn(notice, target);
    await api.learn(notice, target);
    expect(await api.rescore([p0, p1])).not.toEqual(before);
    expect((await api.unlearn())?.updates).toBe(1);
    expect(await api.unlearn()).toBeNull();
    expect(await api.exportLocalModel()).toBeNull();
    expect(await api.rescore([p0, p1])).toEqual(before);
  });

  it('refuses a model file that is not a model, and keeps the model in use', async () => {
    const { api } = await deskWorker();
    const step = await api.useLocalModel({ not: 'a model' } as never);
    expect(step.ok).toBe(false);
    if (!step.ok) expect(step.problem.code).toBe('modelFileInvalid');
  });

  it('survives a round trip through the model file, provenance included', () => {
    const learnt = learnFromDecision(model, parseNotice(decided), target);
    const back = readLocalModel(JSON.parse(JSON.stringify(localModelFile(learnt))));
    expect(provenance(back, model)).toEqual(provenance(learnt, model));
  });
});

describe('a desk worker without its model', () => {
  it('still reads notices, says why there are no suggestions, and refuses to learn', async () => {
    const api = createDeskWorkerApi(async () => {
      throw new Error('HTTP 404');
    });
    const status = await api.loadModel('missing.json');
    expect(status).toEqual({
      ok: false,
      problem: { code: 'modelLoadFailed', params: { detail: 'HTTP 404' } },
    });
    const [analysis] = await api.analyse([decided]);
    expect(analysis?.meta.title).toBe('关于农村养老服务和种植补贴的通知');
    expect(analysis?.suggestions).toBeNull();
    const learnt = await api.learn({ id: analysis?.id ?? '', text: decided }, target);
    expect(learnt).toEqual({ ok: false, problem: { code: 'learnWithoutModel' } });
  });
});
