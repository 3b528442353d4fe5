/**
 * The shapes of real notices whose sections were once missed, each on a notice composed in the repo
 * (fixtures/), and a check on the real samples that every numbered heading is found.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { noticeMeta, parseNotice } from './index';
import { brokenSpan } from './test-support/spans';
import type { ParsedNotice, Section } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(path.join(here, 'fixtures', name), 'utf8');
const SAMPLES = path.resolve(here, '../../../../shared/samples');
const haveSamples = existsSync(SAMPLES);
if (!haveSamples) {
  console.warn(`notice shape tests: ${SAMPLES} is absent, the real-sample check is skipped`);
}

function flat(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flat(s.children)]);
}

const headings = (sections: readonly Section[]): string[] => sections.map((s) => s.heading);
const inAttachment = (s: Section): boolean => s.inAttachment === true;

function parsed(name: string): ParsedNotice {
  const p = parseNotice(fixture(name));
  expect(brokenSpan(p)).toBeNull();
  return p;
}

describe('a 附件 line before the signature, the attachment after it', () => {
  const p = parsed('govcn-attachment-after-signature.txt');

  test('the body is the notice, not a cover letter, and its sections are found', () => {
    expect(p.coverLetter).toBeNull();
    expect(p.preamble?.text).toMatch(/^为推动固体废物源头减量.+现就有关事项通知如下：$/u);
    expect(headings(p.sections)).toEqual(['明确试点任务', '加强政策支持', '强化组织实施']);
    expect(p.sections.some(inAttachment)).toBe(false);
  });

  test('the sections stop at the 附件 line; signature, title and attachments are where they stand', () => {
    const annex = p.attachments[0];
    expect(annex?.text).toBe('附件：示范地区“无废城市”建设试点城市名单');
    const last = p.sections[2] as Section;
    expect(last.span.end).toBeLessThanOrEqual(annex?.span.start ?? 0);
    expect(p.signature?.issuer?.text).toBe('国务院办公厅');
    expect(p.signature?.date?.iso).toBe('2022-09-14');
    expect(noticeMeta(p)).toMatchObject({
      title: '国务院办公厅关于开展示范地区“无废城市”建设试点工作的通知',
      docNumber: '国办函〔2022〕87号',
      writtenDate: '2022-09-14',
    });
    expect(p.addressee?.text).toBe('各省、自治区、直辖市人民政府，国务院各部委、各直属机构：');
  });

  test('the same notice with 版记 (抄送, 印发) after the attachment', () => {
    const text = `${fixture('govcn-attachment-after-signature.txt')}抄送：党中央各部门，全国人大常委会办公厅。\n国务院办公厅秘书局\u3000\u30002022年9月15日印发\n`;
    const q = parseNotice(text);
    expect(brokenSpan(q)).toBeNull();
    expect(headings(q.sections)).toEqual(['明确试点任务', '加强政策支持', '强化组织实施']);
    expect(q.signature?.date?.iso).toBe('2022-09-14');
  });
});

describe('a letter transmitting its attachment, which carries the sections', () => {
  const p = parsed('shanghai-attachment-sections.txt');

  test('the sections and their lead phrases are found and marked as attachment sections', () => {
    expect(headings(p.sections)).toEqual([
      '深入打好蓝天保卫战',
      '深入打好碧水保卫战',
      '深入打好净土保卫战',
      '提升生态环境治理能力',
    ]);
    expect(headings(p.sections[2]?.children ?? [])).toEqual(['土壤污染防治', '“无废城市”建设']);
    expect(flat(p.sections).every(inAttachment)).toBe(true);
  });

  test('cover letter, signature, the attached title and its preamble', () => {
    expect(p.coverLetter?.text).toMatch(/^现将《2022年示范区生态环境保护工作要点》印发给你们/u);
    expect(p.signature?.issuer?.text).toBe('上海市示范区生态环境局');
    expect(p.title?.text).toBe('2022年示范区生态环境保护工作要点');
    expect(p.preamble?.text).toMatch(/^2022年是实施“十四五”规划/u);
    expect(p.furniture.some((f) => f.text.includes('请为本文选择'))).toBe(true);
  });

  test('a body that does not transmit, with numbered attachments each carrying points', () => {
    const text = [
      '关于做好2023年示范区防汛防台工作的通知',
      '各街镇，区有关部门：',
      '为切实做好今年防汛防台工作，确保人民群众生命财产安全，请各单位按照附件要求抓好落实。',
      '附件：1.2023年示范区防汛防台工作要点',
      '2.防汛物资储备情况统计表',
      '示范区防汛防台指挥部',
      '2023年5月8日',
      '附件1',
      '2023年示范区防汛防台工作要点',
      '一、压实防汛责任',
      '各街镇要落实行政首长负责制。',
      '二、加强隐患排查',
      '汛前完成一轮全覆盖排查。',
      '附件2',
      '防汛物资储备情况统计表',
      '填报单位：　　　　填报日期：',
    ].join('\n');
    const q = parseNotice(text);
    expect(brokenSpan(q)).toBeNull();
    expect(q.coverLetter).toBeNull();
    expect(q.preamble?.text).toMatch(/^为切实做好今年防汛防台工作/u);
    expect(q.signature?.issuer?.text).toBe('示范区防汛防台指挥部');
    expect(headings(q.sections)).toEqual(['压实防汛责任', '加强隐患排查']);
    expect(q.sections.every(inAttachment)).toBe(true);
    expect(q.title?.text).toBe('关于做好2023年示范区防汛防台工作的通知');
  });
});

describe('a 决定 whose numbered items are one-sentence paragraphs, with attachments', () => {
  const p = parsed('decision-numbered-sentences.txt');

  test('the four items are the body’s sections, each sentence its own heading', () => {
    const own = p.sections.filter((s) => !inAttachment(s));
    expect(own.map((s) => s.label)).toEqual(['一、', '二、', '三、', '四、']);
    expect(headings(own)).toEqual([
      '取消“省级林木种子生产经营许可证核发”等12项行政许可事项，相关部门不得以备案、登记、年检等形式变相审批',
      '将“建筑业企业资质认定”等5项行政许可事项下放至设区的市人民政府有关部门实施，省有关部门要加强业务指导和培训',
      '对取消和下放的行政许可事项，各地各部门要逐项制定事中事后监管措施，明确监管主体、监管方式和监管标准，防止出现监管真空',
      '本决定自公布之日起施行',
    ]);
    expect(p.coverLetter).toBeNull();
    expect(p.preamble?.text).toBe(
      '为深入推进“放管服”改革，持续优化营商环境，经研究论证，省政府决定：',
    );
    const annex = p.attachments[0];
    expect(own[3]?.span.end).toBeLessThanOrEqual(annex?.span.start ?? 0);
  });

  test('the listed items of the attachments are attachment sections after the signature', () => {
    const annexed = p.sections.filter(inAttachment);
    expect(annexed.map((s) => s.label)).toEqual(['1.', '2.', '1.', '2.']);
    for (const s of annexed) expect(s.span.start).toBeGreaterThan(p.signature?.span.end ?? 0);
    expect(p.signature?.date?.iso).toBe('2023-04-10');
    expect(p.attachments.map((a) => a.text)).toEqual([
      '附件：1.省政府决定取消的行政许可事项目录',
      '2.省政府决定下放的行政许可事项目录',
      '附件1',
      '附件2',
    ]);
  });
});

describe('a 批复 of numbered sentences', () => {
  const p = parsed('reply-numbered-sentences.txt');

  test('four sections before the signature, each sentence its own heading', () => {
    expect(p.sections.map((s) => s.label)).toEqual(['一、', '二、', '三、', '四、']);
    expect(p.sections[0]?.heading).toBe(
      '原则同意自然资源部审查通过的《示范市国土空间总体规划（2021—2035年）》（以下简称《规划》）',
    );
    expect(p.sections[2]?.heading).toBe(
      '严格实施《规划》，任何部门和个人不得随意修改、违规变更，确需修改的必须按法定程序报批',
    );
    expect(p.sections.some(inAttachment)).toBe(false);
    expect(p.sections[3]?.span.end).toBeLessThanOrEqual(p.signature?.span.start ?? 0);
    expect(p.preamble?.text).toMatch(/收悉。现批复如下：$/u);
    expect(noticeMeta(p).title).toBe('国务院关于示范市国土空间总体规划（2021—2035年）的批复');
  });
});

describe('a 办法 in chapters and articles (第X章, 第X条)', () => {
  const p = parsed('measures-articles.txt');

  test('articles nest under chapters, items under articles', () => {
    expect(p.sections.map((s) => [s.label, s.heading])).toEqual([
      ['第一章', '总则'],
      ['第二章', '主动公开'],
      ['第三章', '附则'],
    ]);
    const articles = p.sections.flatMap((s) => s.children);
    expect(articles.map((a) => [a.label, a.marker, a.depth])).toEqual([
      ['第一条', 'article', 2],
      ['第二条', 'article', 2],
      ['第三条', 'article', 2],
      ['第四条', 'article', 2],
      ['第五条', 'article', 2],
    ]);
    expect(articles[1]?.heading).toBe(
      '本办法适用于区人民政府及其工作部门、各街镇的政府信息公开工作',
    );
    expect(articles[2]?.heading).toBe('行政机关应当主动公开下列政府信息');
    expect(articles[2]?.children.map((c) => c.label)).toEqual(['（一）', '（二）', '（三）']);
    expect(p.title?.text).toBe('示范区政府信息公开工作办法');
  });
});

/** Lines that open with 一、 or （一） by the plain eye, independent of the parser's own patterns. */
const NUMBERED = /^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)/u;

/** Every numbered line of the body is the start of a section (header and furniture excluded). */
function everyNumberedLineFound(text: string): void {
  const p = parseNotice(text);
  const starts = new Set(flat(p.sections).map((s) => s.span.start));
  let offset = 0;
  const missed: string[] = [];
  for (const line of text.split('\n')) {
    const at = offset + (line.length - line.trimStart().length);
    offset += line.length + 1;
    if (!NUMBERED.test(line) || at < p.body.start || at >= p.body.end) continue;
    if (!starts.has(at)) missed.push(line.slice(0, 30));
  }
  expect(missed).toEqual([]);
}

describe('every numbered heading is a section', () => {
  test.each(readdirSync(path.join(here, 'fixtures')))('fixture %s', (name) => {
    everyNumberedLineFound(fixture(name));
  });

  test.skipIf(!haveSamples)('every real sample in ../shared/samples', () => {
    const names = readdirSync(SAMPLES).filter((n) => n.endsWith('.txt'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names)
      everyNumberedLineFound(readFileSync(path.join(SAMPLES, name), 'utf8'));
  });
});
