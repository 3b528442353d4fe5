import { describe, expect, it } from 'vitest';
import { arrivalFlag, DEFAULT_REVIEW_RULES, settleNotice, type Settling } from './settle';

const WELFARE = { label1: '民政、扶贫、救灾', label2: '社会福利' };
const OTHER = { label1: '民政、扶贫、救灾', label2: '其他' };
const SCIENCE = { label1: '科技、教育', label2: '科技' };

function settling(over: Partial<Settling>): Settling {
  return {
    required: 1,
    decisions: [],
    reviewed: null,
    flags: [],
    suggestion: null,
    original: null,
    rules: DEFAULT_REVIEW_RULES,
    ...over,
  };
}

describe('settling a notice', () => {
  it('stays open until as many clerks as required have decided', () => {
    expect(settleNotice(settling({})).state).toBe('open');
    expect(settleNotice(settling({ required: 2, decisions: [WELFARE] })).state).toBe('open');
  });

  it('takes one clerk’s label, or two agreeing clerks’ label, as final', () => {
    expect(settleNotice(settling({ decisions: [WELFARE] }))).toEqual({
      state: 'done',
      final: WELFARE,
      reasons: [],
    });
    expect(settleNotice(settling({ required: 2, decisions: [WELFARE, WELFARE] })).final).toEqual(
      WELFARE,
    );
  });

  it('sends two disagreeing clerks to review with no final label', () => {
    expect(settleNotice(settling({ required: 2, decisions: [WELFARE, OTHER] }))).toEqual({
      state: 'review',
      final: null,
      reasons: ['two-clerks'],
    });
  });

  it('sends a label against a confident suggestion to review, but not against an unsure one', () => {
    const sure = { path: SCIENCE, score: 0.95 };
    expect(settleNotice(settling({ decisions: [WELFARE], suggestion: sure })).reasons).toEqual([
      'suggestion',
    ]);
    const unsure = { path: SCIENCE, score: 0.6 };
    expect(settleNotice(settling({ decisions: [WELFARE], suggestion: unsure })).state).toBe('done');
    const off = { ...DEFAULT_REVIEW_RULES, suggestionAbove: null };
    expect(
      settleNotice(settling({ decisions: [WELFARE], suggestion: sure, rules: off })).state,
    ).toBe('done');
  });

  it('compares with 原标注 at the level the header gives', () => {
    const level1Only = { label1: '民政、扶贫、救灾', label2: null };
    expect(settleNotice(settling({ decisions: [WELFARE], original: level1Only })).state).toBe(
      'done',
    );
    expect(settleNotice(settling({ decisions: [WELFARE], original: OTHER })).reasons).toEqual([
      'original',
    ]);
    const off = { ...DEFAULT_REVIEW_RULES, original: false };
    expect(
      settleNotice(settling({ decisions: [WELFARE], original: OTHER, rules: off })).state,
    ).toBe('done');
  });

  it('keeps the reviewer’s label final until a sync flag reopens the review', () => {
    const reviewed = settling({ required: 2, decisions: [WELFARE, OTHER], reviewed: OTHER });
    expect(settleNotice(reviewed)).toEqual({ state: 'done', final: OTHER, reasons: [] });
    expect(settleNotice({ ...reviewed, flags: ['stale', 'stale'] })).toEqual({
      state: 'review',
      final: OTHER,
      reasons: ['stale'],
    });
  });
});

describe('a decision arriving by sync', () => {
  it('raises nothing when fresh, or stale but agreeing with what changed meanwhile', () => {
    expect(
      arrivalFlag({ path: WELFARE, stale: false, previous: OTHER, reviewed: null }),
    ).toBeNull();
    expect(
      arrivalFlag({ path: WELFARE, stale: true, previous: WELFARE, reviewed: WELFARE }),
    ).toBeNull();
  });

  it('flags a stale disagreement with the clerk’s own newer decision or with a review', () => {
    expect(arrivalFlag({ path: WELFARE, stale: true, previous: OTHER, reviewed: null })).toBe(
      'stale',
    );
    expect(arrivalFlag({ path: WELFARE, stale: true, previous: null, reviewed: OTHER })).toBe(
      'stale',
    );
  });

  it('flags a fresh disagreement with the reviewer’s label', () => {
    expect(arrivalFlag({ path: WELFARE, stale: false, previous: null, reviewed: OTHER })).toBe(
      'after-review',
    );
  });
});
