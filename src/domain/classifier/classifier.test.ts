import { describe, expect, it } from 'vitest';
import {
  classifyNotice,
  featurise,
  MODEL_SCHEMA_VERSION,
  ModelError,
  parseModel,
  serialiseModel,
  trainModel,
  type KnowledgePrior,
} from './index';
import { makeNotice, TINY_PRIOR } from './test-support/fixtures';
import { translate, type Language } from '../messages';

const model = trainModel([], { prior: TINY_PRIOR });

const welfare = makeNotice({
  title: '关于进一步做好养老服务工作的通知',
  sections: [
    ['加强养老服务体系建设', '推进社区养老服务设施建设，完善儿童福利和残疾人福利制度。'],
    ['做好婚姻登记服务', '规范婚姻登记窗口服务。'],
  ],
  issuer: '某区民政局',
});

/** What the desk tells the clerk when it refuses a model file. */
function refusal(json: unknown, language: Language = 'zh'): string {
  try {
    parseModel(json);
  } catch (e) {
    if (e instanceof ModelError) return translate(language, e.reason);
    throw e;
  }
  throw new Error('the model file was accepted');
}

describe('classifyNotice', () => {
  it('ranks the sub-class whose terms fill the title and sections first', () => {
    const result = classifyNotice(model, welfare);
    expect(result.top[0]?.path).toBe('民政、扶贫、救灾\\社会福利');
    expect(result.top).toHaveLength(5);
    expect(result.level1[0]?.label1).toBe('民政、扶贫、救灾');
  });

  it('gives the level-1 score as the sum of its leaves, with a consistent ranking', () => {
    const result = classifyNotice(model, welfare, { k: 122 });
    const sums = new Map<string, number>();
    for (const s of result.top) sums.set(s.label1, (sums.get(s.label1) ?? 0) + s.score);
    for (const { label1, score } of result.level1)
      expect(score).toBeCloseTo(sums.get(label1) ?? 0, 9);
    expect(result.level1.reduce((a, b) => a + b.score, 0)).toBeCloseTo(1, 9);
    for (const s of result.top) expect(s.score1).toBeGreaterThanOrEqual(s.score);
  });

  it('points evidence at the title and body, never at the header', () => {
    const withHeader = makeNotice({
      header: [
        ['主题分类', '民政、扶贫、救灾\\社会福利'],
        ['公开主体', '某区民政局'],
      ],
      title: '关于进一步做好养老服务工作的通知',
      body: '养老服务是民生大事。',
    });
    const result = classifyNotice(model, withHeader);
    const evidence = result.top[0]?.evidence ?? [];
    expect(evidence.map((e) => e.term)).toContain('养老服务');
    const headerEnd = withHeader.header?.span.end ?? 0;
    for (const e of evidence) {
      for (const span of e.spans) {
        expect(span.start).toBeGreaterThanOrEqual(headerEnd);
        expect(withHeader.text.slice(span.start, span.end)).toBe(e.term);
      }
    }
  });
});

describe('header fields never count', () => {
  const body = { title: '关于做好扶贫工作的通知', body: '巩固脱贫攻坚成果，帮扶贫困户。' };
  const bare = makeNotice(body);
  const labelled = makeNotice({
    ...body,
    header: [
      ['索引号', 'SY0024782510202000010'],
      ['主题分类', '卫生、体育\\卫生'],
      ['成文日期', '2020-03-30'],
    ],
  });

  it('gives the same features and scores with, without, or with a wrong 主题分类 label', () => {
    const a = featurise(bare, model.settings, model.compiled).values;
    const b = featurise(labelled, model.settings, model.compiled).values;
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
    const ra = classifyNotice(model, bare).top.map((s) => [s.path, s.score]);
    const rb = classifyNotice(model, labelled).top.map((s) => [s.path, s.score]);
    expect(rb).toEqual(ra);
  });

  it('ignores a header the parser missed (label lines left in the body)', () => {
    const missed = makeNotice({
      ...body,
      body: `主题分类：\n卫生、体育\\卫生\n索引号：SY001\n${body.body}`,
    });
    const features = featurise(missed, model.settings, model.compiled).values;
    expect([...features.keys()].some((k) => k.includes('卫生') || k.includes('索引'))).toBe(false);
  });

  it('weights a term in the title above the same term in the body', () => {
    const welfare = (notice: ReturnType<typeof makeNotice>): number =>
      classifyNotice(model, notice, { k: 122 }).top.find(
        (s) => s.path === '民政、扶贫、救灾\\社会福利',
      )?.score ?? 0;
    const inTitle = makeNotice({ title: '关于养老服务的通知', body: '请遵照执行。' });
    const inBody = makeNotice({ title: '关于有关事项的通知', body: '养老服务。请遵照执行。' });
    expect(featurise(inTitle, model.settings, model.compiled).values.has('t:养老服务')).toBe(true);
    expect(featurise(inBody, model.settings, model.compiled).values.has('p:养老服务')).toBe(true);
    expect(welfare(inTitle)).toBeGreaterThan(welfare(inBody));
  });
});

describe('model file', () => {
  it('round-trips through JSON with the same ranking', () => {
    const again = parseModel(JSON.parse(JSON.stringify(serialiseModel(model))));
    const a = classifyNotice(model, welfare).top.map((s) => s.path);
    const b = classifyNotice(again, welfare).top.map((s) => s.path);
    expect(b).toEqual(a);
  });

  it('refuses corrupt, wrong-version and wrong-label files, saying why in the clerk’s words', () => {
    const good = serialiseModel(model);
    expect(refusal('not json')).toBe('模型文件已损坏：不是 JSON 对象');
    expect(refusal({ ...good, schemaVersion: 99 })).toBe(
      `模型文件版本不兼容：需要 ${MODEL_SCHEMA_VERSION}，实际为 99`,
    );
    const { labels: _labels, ...noLabels } = good;
    void _labels;
    expect(refusal(noLabels)).toBe('模型文件已损坏：labels 缺少或无效');
    expect(refusal({ ...good, labels: good.labels.slice(1) })).toMatch(
      /^模型文件的分类表与本系统不一致：需要 \d+ 个二级分类，实际为 \d+ 个（差异：-/,
    );
    expect(refusal({ ...good, weights: [['g:民政', [999, 5]]] })).toBe(
      '模型文件已损坏：weights[g:民政] 缺少或无效',
    );
    expect(refusal({ ...good, calibration: { ...good.calibration, temperature: -1 } })).toBe(
      '模型文件已损坏：calibration.temperature 缺少或无效',
    );
    expect(refusal({ ...good, settings: { ...good.settings, ngramMax: '3' } })).toBe(
      '模型文件已损坏：settings.ngramMax 缺少或无效',
    );
    expect(refusal(null)).toBe('模型文件已损坏：不是 JSON 对象');
    // No model may promise certainty: a floor below 1% is refused, as is a floor of 0.7.
    for (const floor of [0, 0.005, 0.7]) {
      expect(refusal({ ...good, calibration: { ...good.calibration, floor } })).toBe(
        '模型文件已损坏：calibration.floor 缺少或无效',
      );
    }
    expect(refusal({ ...good, schemaVersion: 1 })).toMatch(/^模型文件由旧版本生成/);
    expect(
      refusal({ ...good, calibration: { ...good.calibration, otherShare: { 天文: 0.2 } } }),
    ).toBe('模型文件已损坏：calibration.otherShare[天文] 缺少或无效');
    expect(refusal({ ...good, schemaVersion: 99 }, 'en')).toBe(
      `Unsupported model file version: ${MODEL_SCHEMA_VERSION} needed, 99 found`,
    );
  });
});

describe('cataloguing conventions that override the content', () => {
  const withShares: KnowledgePrior = {
    ...TINY_PRIOR,
    issuers: [...TINY_PRIOR.issuers, { pattern: '民政局', path: '民政、扶贫、救灾', weight: 2 }],
    rules: [
      ...TINY_PRIOR.rules.map((r) => ({ ...r, share: 0.7 })),
      {
        id: 'group-membership',
        description: '组成人员调整归议事协调机构',
        titlePattern: '组成人员',
        target: '国务院组织机构\\国务院议事协调机构',
        weight: 0.5,
        share: 0.6,
      },
    ],
  };
  const plain = trainModel([], { prior: TINY_PRIOR });
  const ruled = trainModel([], { prior: withShares });
  const sections = [
    ['加强养老服务', '推进养老服务和儿童福利，完善残疾人福利。'],
    ['做好社会福利', '养老服务和社会福利。'],
  ] as const;

  it('files a broad work plan under its area’s 其他 without moving the level-1 ranking', () => {
    const plan = makeNotice({ title: '2020年某区民政局工作要点', sections, issuer: '某区民政局' });
    const before = classifyNotice(plain, plan);
    const after = classifyNotice(ruled, plan);
    expect(before.top[0]?.path).toBe('民政、扶贫、救灾\\社会福利');
    expect(after.top[0]?.path).toBe('民政、扶贫、救灾\\其他');
    expect(after.level1[0]?.label1).toBe('民政、扶贫、救灾');
    expect(after.top[0]?.score ?? 1).toBeLessThan(0.95);
    // The clerk sees why: the convention's phrase in the title leads the evidence.
    const first = after.top[0]?.evidence[0];
    expect(first?.term).toBe('工作要点');
    const span = first?.spans[0];
    expect(span && plan.text.slice(span.start, span.end)).toBe('工作要点');
    expect(before.top[0]?.evidence.map((e) => e.term)).not.toContain('工作要点');
  });

  it('leaves a plan whose title names a sub-class’s subject with that sub-class', () => {
    const plan = makeNotice({ title: '2020年某区养老服务工作要点', sections });
    expect(classifyNotice(ruled, plan).top[0]?.path).toBe('民政、扶贫、救灾\\社会福利');
  });

  it('moves a share of the probability to a path target, whatever the subject', () => {
    const members = makeNotice({
      title: '关于调整区养老服务联席会议组成人员的通知',
      body: '养老服务和社会福利。',
    });
    const result = classifyNotice(ruled, members, { k: 122 });
    expect(result.top[0]?.path).toBe('国务院组织机构\\国务院议事协调机构');
    // The share is taken before the floor, which always keeps a little for every leaf.
    expect(result.top[0]?.score).toBeGreaterThanOrEqual(0.6 * (1 - ruled.calibration.floor));
    expect(result.top.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 9);
    // The hierarchy stays consistent after an override: each class is the sum of its leaves.
    const sums = new Map<string, number>();
    for (const s of result.top) sums.set(s.label1, (sums.get(s.label1) ?? 0) + s.score);
    for (const { label1, score } of result.level1) {
      expect(score).toBeCloseTo(sums.get(label1) ?? 0, 9);
    }
    for (const s of result.top) expect(s.score1).toBeCloseTo(sums.get(s.label1) ?? 0, 9);
  });

  it('keeps overrides through the model file and rejects a broken one', () => {
    const file = serialiseModel(ruled);
    const again = parseModel(JSON.parse(JSON.stringify(file)));
    expect(again.lexicon.rules.find((r) => r.id === 'group-membership')?.override).toEqual({
      target: '国务院组织机构\\国务院议事协调机构',
      share: 0.6,
    });
    const broken = {
      ...file,
      lexicon: {
        ...file.lexicon,
        rules: [{ id: 'x', titlePattern: 'x', override: { target: '天文', share: 0.5 } }],
      },
    };
    expect(refusal(broken)).toBe('模型文件已损坏：lexicon.rules[x].override 缺少或无效');
  });
});

describe('level-1 keywords (a clerk quick list)', () => {
  const withList: KnowledgePrior = {
    ...TINY_PRIOR,
    level1: [{ label1: '文化、广电、新闻出版', keywords: ['文物', '博物馆'] }],
  };
  const museums = makeNotice({
    title: '关于做好文物和博物馆开放工作的通知',
    sections: [['工作要求', '各单位要落实责任。']],
  });

  it('points a title whose words the terms do not know at the class of its keywords', () => {
    expect(classifyNotice(model, museums).level1[0]?.label1).not.toBe('文化、广电、新闻出版');
    const listed = trainModel([], { prior: withList });
    expect(classifyNotice(listed, museums).level1[0]?.label1).toBe('文化、广电、新闻出版');
  });

  it('shows the keywords that moved the class as evidence, where they stand in the notice', () => {
    const listed = trainModel([], { prior: withList });
    const top = classifyNotice(listed, museums).top[0];
    const words = top?.evidence.map((e) => e.term) ?? [];
    expect(words).toEqual(expect.arrayContaining(['文物', '博物馆']));
    const museum = top?.evidence.find((e) => e.term === '博物馆');
    const span = museum?.spans[0];
    expect(span && museums.text.slice(span.start, span.end)).toBe('博物馆');
  });

  it('keeps the list in the model file', () => {
    const listed = trainModel([], { prior: withList });
    const reread = parseModel(JSON.parse(JSON.stringify(serialiseModel(listed))));
    expect(classifyNotice(reread, museums).level1[0]?.label1).toBe('文化、广电、新闻出版');
  });
});
