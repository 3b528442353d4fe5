import { describe, expect, it } from 'vitest';
import { trainModel } from '../domain/classifier';
import { TINY_PRIOR } from '../domain/classifier/test-support/fixtures';
import {
  activeModel,
  handleLearning,
  learnFromDecision,
  localModelFile,
  provenance,
  readLocalModel,
  rescore,
} from './learning';

const model = trainModel([], { prior: TINY_PRIOR, metrics: { updates: 0 } });
const target = { label1: '农业、林业、水利', label2: '农业、畜牧业、渔业' };
const decided = '关于农村养老服务和种植补贴的通知\n农产品种植补贴和养老服务。';
const pending = [
  '关于种植补贴和养老服务工作的通知\n做好种植补贴发放和养老服务。',
  '关于做好疫情防控和医院管理的通知\n医院要做好疫情防控。',
];

describe('learnFromDecision', () => {
  it('changes the pending notices’ suggestions at once, without a retrain, and counts the update', () => {
    const before = rescore(model, pending);
    let learnt = model;
    for (let i = 0; i < 3; i++) learnt = learnFromDecision(learnt, decided, target);
    const after = rescore(learnt, pending);
    const scoreOf = (s: (typeof after)[number]): number =>
      s.find((t) => t.path.label2 === target.label2)?.score ?? 0;
    expect(before[0]?.[0]?.path).not.toEqual(target);
    expect(after[0]?.[0]?.path).toEqual(target);
    expect(scoreOf(after[0] ?? [])).toBeGreaterThan(scoreOf(before[0] ?? []));
    // A notice that has nothing in common with the decision keeps its first suggestion.
    expect(after[1]?.[0]?.path).toEqual(before[1]?.[0]?.path);
    expect(provenance(learnt).updates).toBe(3);
    // The model before stays as it was (the desk can reset to it).
    expect(rescore(model, pending)).toEqual(before);
  });

  it('survives a round trip through the model file, provenance included', () => {
    const learnt = learnFromDecision(model, decided, target);
    const back = readLocalModel(JSON.parse(JSON.stringify(localModelFile(learnt))));
    expect(provenance(back)).toEqual(provenance(learnt));
    expect(rescore(back, pending)[0]?.[0]?.path).toEqual(rescore(learnt, pending)[0]?.[0]?.path);
  });
});

describe('the desk worker’s learning requests', () => {
  it('undo takes the last learnt decision back out, down to the shipped model', () => {
    const replies: unknown[] = [];
    const post = (m: unknown): void => {
      replies.push(m);
    };
    const before = rescore(model, pending);
    handleLearning({ type: 'learn', id: 1, text: decided, path: target }, model, post);
    handleLearning({ type: 'learn', id: 2, text: decided, path: target }, model, post);
    const learnt = rescore(activeModel(model) ?? model, pending);
    expect(learnt).not.toEqual(before);
    handleLearning({ type: 'unlearn', id: 3 }, model, post);
    expect(activeModel(model)).not.toBe(model);
    handleLearning({ type: 'unlearn', id: 4 }, model, post);
    expect(activeModel(model)).toBe(model);
    expect(rescore(activeModel(model) ?? model, pending)).toEqual(before);
    expect(replies.at(-1)).toEqual({ type: 'learning', id: 4, value: null });
  });
});
