/**
 * Property: for any notice composed of the parts real notices are made of, with N headings 一、…
 * in its body and M in an attachment, the parser returns those N + M sections, each starting at its
 * heading and covering it, and marks the attachment's as such.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseNotice } from './index';
import { brokenSpan } from './test-support/spans';
import type { Section } from './types';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const HEADER = {
  none: [],
  shanghai: [
    '索引号:',
    'SY0031455020202300021',
    '主题分类:',
    '综合政务-其他',
    '公开主体:',
    '上海市示范区人民政府办公室',
    '发文字号:',
    '沪示府办〔2023〕21号',
    '成文日期:',
    '2023-06-02',
    '发布日期:',
    '2023-06-09',
    '生效日期:',
    '失效日期:',
  ],
  govcn: [
    '索引号：\t000014349/2023-00077\t主题分类：\t综合政务\\其他',
    '发文机关：\t国务院办公厅\t成文日期：\t2023年06月02日',
    '标题：\t国务院办公厅关于做好示范工作的通知',
    '发文字号：\t国办发〔2023〕21号\t发布日期：\t2023年06月09日',
  ],
} as const;

const TITLES = [
  '关于做好2023年示范区安全生产工作的通知',
  '国务院办公厅关于做好示范工作的通知',
  '示范省人民政府关于进一步优化营商环境的意见',
  '关于同意示范市设立经济技术开发区的批复',
];
const ADDRESSEES = [
  '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
  '各街镇，区政府各委办局：',
  '示范省人民政府：',
];
const PREAMBLES = [
  '为贯彻落实党中央、国务院决策部署，现就有关事项通知如下：',
  '为进一步做好相关工作，经研究，提出以下意见。',
  '你省关于设立经济技术开发区的请示收悉。现批复如下：',
];
const HEADINGS = [
  '加强组织领导',
  '完善工作机制',
  '强化督促检查',
  '推进示范创建',
  '做好宣传引导',
  '健全保障措施',
  '提升服务水平',
  '深化改革创新',
];
const SENTENCES = [
  '各单位要高度重视，切实把各项任务落到实处。',
  '到2025年，基本建立覆盖城乡的服务体系。',
  '有关部门要加强协调配合，形成工作合力，确保各项措施取得实效。',
  '中央财政通过现有资金渠道给予支持。',
  '要定期开展督促检查，及时通报工作进展情况。',
];
const LEADS = ['社区治理', '队伍建设', '资金保障', '信息公开'];
const ISSUERS = ['国务院办公厅', '上海市示范区人民政府', '示范省人民政府'];

interface Heading {
  readonly style: 'line' | 'inline' | 'sentence';
  readonly words: number;
  readonly paragraphs: readonly number[];
  readonly leads: boolean;
  readonly subpoints: number;
}

const heading: fc.Arbitrary<Heading> = fc.record({
  style: fc.constantFrom('line', 'inline', 'sentence'),
  words: fc.nat(HEADINGS.length - 1),
  paragraphs: fc.array(fc.nat(SENTENCES.length - 1), { maxLength: 3 }),
  leads: fc.boolean(),
  subpoints: fc.nat(3),
});

const shape = fc.record({
  header: fc.constantFrom('none', 'shanghai', 'govcn'),
  title: fc.option(fc.nat(TITLES.length - 1), { nil: null }),
  addressee: fc.option(fc.nat(ADDRESSEES.length - 1), { nil: null }),
  // plain: the body with its points, then the signature. transmit: a cover letter, its signature,
  // the document with the points (transmitAnnexed: the letter names it as its 附件, so the points
  // stand in an attachment). annexed: the points, 附件：…, the signature, the attachment.
  layout: fc.constantFrom('plain', 'transmit', 'transmitAnnexed', 'annexed'),
  preamble: fc.option(fc.nat(PREAMBLES.length - 1), { nil: null }),
  body: fc.array(heading, { minLength: 1, maxLength: 8 }),
  annex: fc.array(heading, { maxLength: 4 }),
  issuer: fc.nat(ISSUERS.length - 1),
  publishNote: fc.boolean(),
  furniture: fc.boolean(),
  record: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
});

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

interface Composed {
  readonly text: string;
  /** Offsets of each top-level heading, with whether it stands in an attachment. */
  readonly headings: readonly {
    readonly at: number;
    readonly label: string;
    readonly annex: boolean;
  }[];
}

function pointLines(h: Heading, index: number): string[] {
  const label = `${NUMERALS[index] ?? '十'}、`;
  const words = HEADINGS[h.words] ?? '加强组织领导';
  const sentence = (k: number): string => SENTENCES[k] ?? '';
  const first =
    h.style === 'line'
      ? `${label}${words}`
      : h.style === 'inline'
        ? `${label}${words}。${sentence(0)}`
        : `${label}${words}，${sentence(h.paragraphs[0] ?? 1)}`;
  const out = [first];
  if (h.style === 'sentence') return out;
  for (const p of h.paragraphs) out.push(sentence(p));
  if (h.leads) LEADS.slice(0, 2).forEach((l, k) => out.push(`${l}。${sentence(k + 2)}`));
  for (let k = 0; k < h.subpoints; k++)
    out.push(`（${NUMERALS[k] ?? '一'}）${HEADINGS[k]}。${sentence(k)}`);
  return out;
}

function compose(s: Shape): Composed {
  const lines: { text: string; heading?: { label: string; annex: boolean } }[] = [];
  const push = (text: string): void => void lines.push({ text });
  const points = (hs: readonly Heading[], annex: boolean): void =>
    hs.forEach((h, i) => {
      pointLines(h, i).forEach((text, k) => {
        lines.push(k === 0 ? { text, heading: { label: `${NUMERALS[i]}、`, annex } } : { text });
      });
    });
  const issuer = ISSUERS[s.issuer] ?? '示范省人民政府';
  const sign = (): void => {
    push(issuer);
    push('2023年6月2日');
    if (s.publishNote) push('（此件公开发布）');
  };
  HEADER[s.header].forEach(push);
  if (s.title !== null) push(TITLES[s.title] ?? '');
  if (s.addressee !== null) push(ADDRESSEES[s.addressee] ?? '');
  const transmits = s.layout === 'transmit' || s.layout === 'transmitAnnexed';
  if (transmits) {
    push('现将《示范工作方案》印发给你们，请认真贯彻执行。');
    if (s.layout === 'transmitAnnexed') push('附件：示范工作方案');
    sign();
    if (s.layout === 'transmitAnnexed') push('附件');
    push('示范工作方案');
  }
  if (s.preamble !== null) push(PREAMBLES[s.preamble] ?? '');
  points(s.body, s.layout === 'transmitAnnexed');
  if (s.layout === 'annexed') {
    push('附件：示范工作任务清单');
    sign();
    push('附件');
    push('示范工作任务清单');
    points(s.annex, true);
  } else if (s.layout === 'plain') {
    sign();
  }
  if (s.record) {
    push('抄送：示范省委各部门，示范省人大常委会办公厅。');
    push('示范省人民政府办公厅　　2023年6月3日印发');
  }
  if (s.furniture) push('打印本页　关闭窗口');
  let text = '';
  const headings: Composed['headings'][number][] = [];
  for (const line of lines) {
    if (line.heading) headings.push({ at: text.length, ...line.heading });
    text += line.text + s.eol;
  }
  return { text, headings };
}

describe('composed notices', () => {
  test('N headings 一、… give N sections whose spans start at and cover them', () => {
    fc.assert(
      fc.property(shape, (s) => {
        const { text, headings } = compose(s);
        const p = parseNotice(text);
        expect(brokenSpan(p)).toBeNull();
        const top = p.sections.filter((x: Section) => x.marker === 'chinese');
        expect(top.map((x) => [x.span.start, x.label, x.inAttachment === true])).toEqual(
          headings.map((h) => [h.at, h.label, h.annex]),
        );
        for (const section of top) {
          const lineEnd = text.indexOf(s.eol, section.span.start);
          expect(section.span.end).toBeGreaterThanOrEqual(lineEnd);
          expect(section.headingSpan.start).toBeGreaterThan(section.span.start);
        }
      }),
      { numRuns: 300 },
    );
  });
});
