/**
 * Golden checks on the real samples in ../shared (skipped, with a message, in a fresh clone) and
 * the SAME checks on notices composed in the repo in the same formats (fixtures/).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { noticeMeta, parseNotice } from './index';
import type { ParsedNotice, Section } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
// ../shared beside the repository (the checkout's parent holds it), never an absolute path.
const SAMPLES = path.resolve(here, '../../../../shared/samples');
const haveSamples = existsSync(path.join(SAMPLES, 'chongming-2020-minzheng.txt'));
if (!haveSamples) {
  console.warn(`notice golden tests: ${SAMPLES} is absent, the sample checks are skipped`);
}

function fixture(name: string): string {
  return readFileSync(path.join(here, 'fixtures', name), 'utf8');
}
function sample(name: string): string {
  return readFileSync(path.join(SAMPLES, name), 'utf8');
}

function slice(p: ParsedNotice, s: { start: number; end: number }): string {
  return p.text.slice(s.start, s.end);
}

interface ShanghaiExpected {
  readonly indexNo: string;
  readonly issuer: string;
  readonly docNumber: string;
  readonly written: string;
  readonly published: string;
  readonly title: string;
  readonly addressee: string;
  readonly headings: readonly string[];
  readonly leadsOfSecond: readonly string[];
  readonly request: RegExp;
}

/** What a Shanghai district page looks like once parsed: every check of the golden sample. */
function checkShanghai(p: ParsedNotice, e: ShanghaiExpected): void {
  const fields = p.header?.fields ?? [];
  expect(fields.map((f) => f.label)).toEqual([
    '索引号',
    '主题分类',
    '公开主体',
    '发文字号',
    '成文日期',
    '发布日期',
    '生效日期',
    '失效日期',
  ]);
  const byLabel = new Map(fields.map((f) => [f.label, f]));
  expect(byLabel.get('索引号')?.value).toBe(e.indexNo);
  expect(byLabel.get('主题分类')?.value).toBe('民政、扶贫、救灾-其他');
  expect(byLabel.get('公开主体')?.key).toBe('issuer');
  expect(byLabel.get('生效日期')).toMatchObject({ value: '', valueSpan: null });
  expect(byLabel.get('失效日期')).toMatchObject({ value: '', valueSpan: null });
  for (const f of fields) if (f.valueSpan) expect(slice(p, f.valueSpan)).toBe(f.value);

  expect(p.indexNo).toBe(e.indexNo);
  expect(p.topicRaw).toBe('民政、扶贫、救灾-其他');
  expect(p.topic).toEqual({ label1: '民政、扶贫、救灾', label2: '其他' });
  expect(p.issuer?.text).toBe(e.issuer);
  expect(p.docNumber?.normalised).toBe(e.docNumber);
  expect(p.docNumber?.raw).toBe(e.docNumber);
  expect(p.dates.written?.iso).toBe(e.written);
  expect(p.dates.published?.iso).toBe(e.published);
  expect(p.dates.effective).toBeNull();
  expect(p.dates.expiry).toBeNull();
  expect(p.title?.text).toBe(e.title);
  expect(p.addressee?.text).toBe(e.addressee);
  expect(p.coverLetter?.text).toMatch(/^现将《.+》印发给你们/u);
  expect(p.signature?.issuer?.text).toBe(e.issuer);
  expect(p.signature?.date?.iso).toBe(e.written);
  expect(p.preamble?.text.startsWith(e.title.slice(0, 5))).toBe(true);

  expect(p.sections.map((s) => s.heading)).toEqual(e.headings);
  expect(p.sections.map((s) => s.label)).toEqual(['一、', '二、', '三、', '四、', '五、', '六、']);
  expect(p.sections.every((s) => s.marker === 'chinese' && s.depth === 1)).toBe(true);
  const second = p.sections[1] as Section;
  expect(second.children.map((c) => c.heading)).toEqual(e.leadsOfSecond);
  expect(second.children.every((c) => c.marker === 'lead' && c.depth === 2 && c.label === '')).toBe(
    true,
  );
  for (const c of second.children) {
    expect(c.span.start).toBeGreaterThanOrEqual(second.span.start);
    expect(c.span.end).toBeLessThanOrEqual(second.span.end);
  }

  const request = p.furniture.find((f) => e.request.test(f.text));
  expect(request).toBeDefined();
  expect(p.body.end).toBeLessThanOrEqual(request?.span.start ?? 0);
  const last = p.sections[p.sections.length - 1] as Section;
  expect(last.span.end).toBeLessThanOrEqual(request?.span.start ?? 0);
  expect(p.attachments).toEqual([]);

  expect(noticeMeta(p)).toEqual({
    title: e.title,
    issuer: e.issuer,
    docNumber: e.docNumber,
    indexNo: e.indexNo,
    topicRaw: '民政、扶贫、救灾-其他',
    writtenDate: e.written,
    publishDate: e.published,
    effectiveDate: null,
    expiryDate: null,
  });
}

const CHONGMING: ShanghaiExpected = {
  indexNo: 'SY0024782510202000010',
  issuer: '上海市崇明区民政局',
  docNumber: '沪崇民〔2020〕10号',
  written: '2020-03-30',
  published: '2020-04-16',
  title: '2020年崇明民政工作要点',
  addressee: '局机关各科室、局属各事业单位,各乡镇社会事务管理办公室:',
  headings: [
    '全力做好新冠肺炎疫情防控工作',
    '进一步创新社区治理',
    '进一步推进社会救助',
    '进一步完善社会福利',
    '进一步提升社会服务',
    '进一步加强自身建设',
  ],
  leadsOfSecond: ['“五美社区”建设', '村居治理', '基层队伍建设', '社会组织建设与管理'],
  request: /请为本文选择一个合适的主题/u,
};

const SHANGHAI_FIXTURE: ShanghaiExpected = {
  indexNo: 'SY0031455020202100007',
  issuer: '上海市示范区民政局',
  docNumber: '沪示民〔2021〕7号',
  written: '2021-03-26',
  published: '2021-04-09',
  title: '2021年示范区民政工作要点',
  addressee: '局机关各科室、局属各事业单位,各街镇社区事务管理办公室:',
  headings: [
    '统筹做好常态化疫情防控工作',
    '进一步深化基层社会治理',
    '进一步健全社会救助体系',
    '进一步完善养老服务体系',
    '进一步提升专项社会服务',
    '进一步加强民政自身建设',
  ],
  leadsOfSecond: ['社区建设', '村居自治', '社区工作者队伍建设', '社会组织培育与监管'],
  request: /请为本文选择一个合适的主题分类/u,
};

describe.skipIf(!haveSamples)('golden: Shanghai sample (chongming-2020-minzheng.txt)', () => {
  test('header, front matter, six sections, lead phrases, signature, request line', () => {
    checkShanghai(parseNotice(sample('chongming-2020-minzheng.txt')), CHONGMING);
  });
});

describe('golden: Shanghai format fixture composed in the repo', () => {
  test('the same checks as the sample', () => {
    checkShanghai(parseNotice(fixture('shanghai-format-notice.txt')), SHANGHAI_FIXTURE);
  });
});

interface GovcnExpected {
  readonly title: string;
  readonly issuer: string;
  readonly docNumber: string;
  readonly written: string;
  readonly published: string;
  readonly topic: { label1: string; label2: string };
  readonly addressee: string;
  readonly signatureDateRaw: string;
  readonly topHeadings: readonly string[];
}

function checkGovcn(p: ParsedNotice, e: GovcnExpected): void {
  const labels = (p.header?.fields ?? []).map((f) => f.label);
  expect(labels).toEqual([
    '索引号',
    '主题分类',
    '发文机关',
    '成文日期',
    '标题',
    '发文字号',
    '发布日期',
  ]);
  expect(p.topic).toEqual(e.topic);
  expect(p.issuer?.text).toBe(e.issuer);
  expect(p.docNumber?.normalised).toBe(e.docNumber);
  expect(p.dates.written?.iso).toBe(e.written);
  expect(p.dates.published?.iso).toBe(e.published);
  expect(noticeMeta(p).title).toBe(e.title);
  // The body's title is used (outside the header), so the classifier can point into it.
  expect(p.title && p.header && p.title.span.start >= p.header.span.end).toBe(true);
  expect(p.addressee?.text).toBe(e.addressee);
  expect(p.signature?.issuer?.text).toBe(e.issuer);
  expect(p.signature?.date?.raw).toBe(e.signatureDateRaw);
  expect(p.signature?.date?.iso).toBe(e.written);
  expect(p.sections.map((s) => s.heading)).toEqual(e.topHeadings);
}

describe.skipIf(!haveSamples)('golden: gov.cn samples', () => {
  test('govcn-2019-zhiye-jiaoyu.txt: two-line title, 方案 with （一）…（二十）', () => {
    const p = parseNotice(sample('govcn-2019-zhiye-jiaoyu.txt'));
    checkGovcn(p, {
      title: '国务院关于印发国家职业教育改革实施方案的通知',
      issuer: '国务院',
      docNumber: '国发〔2019〕4号',
      written: '2019-01-24',
      published: '2019-02-13',
      topic: { label1: '科技、教育', label2: '教育' },
      addressee: '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      signatureDateRaw: '2019年1月24日',
      topHeadings: [
        '完善国家职业教育制度体系',
        '构建职业教育国家标准',
        '促进产教融合校企“双元”育人',
        '建设多元办学格局',
        '完善技术技能人才保障政策',
        '加强职业教育办学质量督导评价',
        '做好改革组织实施工作',
      ],
    });
    expect(p.indexNo).toBe('000014349/2019-00005');
    expect(p.coverLetter?.text).toBe(
      '现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。',
    );
    const paren = p.sections.flatMap((s) => s.children);
    expect(paren).toHaveLength(20);
    expect(paren.every((c) => c.marker === 'paren' && c.depth === 2)).toBe(true);
    expect(paren[5]?.heading).toBe('启动1+X证书制度试点工作');
  });

  test('govcn-2005-keji-jieshui-fuhan.txt: a reply letter, signature at the end in Chinese numerals', () => {
    const p = parseNotice(sample('govcn-2005-keji-jieshui-fuhan.txt'));
    checkGovcn(p, {
      title: '国务院办公厅关于科技节水建议的复函',
      issuer: '国务院办公厅',
      docNumber: '国办函〔2005〕21号',
      written: '2005-03-03',
      published: '2018-12-24',
      topic: { label1: '科技、教育', label2: '科技' },
      addressee: '马万祺副主席：',
      signatureDateRaw: '二〇〇五年三月三日',
      topHeadings: [
        '太钢等应用反渗透膜分离技术减污节水情况',
        '城市节水和污水再生利用情况',
        '有关部门下一步拟采取的措施',
      ],
    });
    expect(p.coverLetter).toBeNull();
    const last = p.sections[2] as Section;
    expect(last.span.end).toBeLessThanOrEqual(p.signature?.span.start ?? 0);
  });
});

describe('golden: gov.cn format fixture composed in the repo', () => {
  test('the same checks, plus nested （一）/1./（1） levels', () => {
    const p = parseNotice(fixture('govcn-format-notice.txt'));
    checkGovcn(p, {
      title: '国务院办公厅关于印发示范地区学前教育普及提升行动方案的通知',
      issuer: '国务院办公厅',
      docNumber: '国办发〔2021〕19号',
      written: '2021-06-08',
      published: '2021-06-15',
      topic: { label1: '科技、教育', label2: '教育' },
      addressee: '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      signatureDateRaw: '二〇二一年六月八日',
      topHeadings: ['总体要求', '重点任务', '组织实施'],
    });
    expect(p.preamble?.text).toBe('为加快发展学前教育，提高保教质量，制定本方案。');
    const tasks = p.sections[1] as Section;
    expect(tasks.children.map((c) => [c.label, c.heading])).toEqual([
      ['（三）', '扩大普惠性资源'],
      ['（四）', '提高保教质量'],
    ]);
    expect(tasks.children[0]?.children.map((c) => [c.label, c.depth])).toEqual([
      ['1.', 3],
      ['2.', 3],
    ]);
    expect(tasks.children[1]?.children.map((c) => [c.label, c.marker])).toEqual([
      ['（1）', 'arabic'],
      ['（2）', 'arabic'],
    ]);
    expect(p.sections[0]?.children[0]?.heading).toBe('指导思想');
  });
});
