/** The layouts and accidents of real pastes, each on a small notice composed for the purpose. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { noticeMeta, parseNotice } from './index';
import { brokenSpan } from './test-support/spans';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(path.join(here, 'fixtures', name), 'utf8');
const SHANGHAI = fixture('shanghai-format-notice.txt');

/** The fixture's figures that must survive every accident below. */
function expectShanghai(text: string): void {
  const p = parseNotice(text);
  expect(brokenSpan(p)).toBeNull();
  expect(noticeMeta(p)).toEqual({
    title: '2021年示范区民政工作要点',
    issuer: '上海市示范区民政局',
    docNumber: '沪示民〔2021〕7号',
    indexNo: 'SY0031455020202100007',
    topicRaw: '民政、扶贫、救灾-其他',
    writtenDate: '2021-03-26',
    publishDate: '2021-04-09',
    effectiveDate: null,
    expiryDate: null,
  });
  expect(p.sections).toHaveLength(6);
  expect(p.sections[1]?.children.map((c) => c.heading)).toEqual([
    '社区建设',
    '村居自治',
    '社区工作者队伍建设',
    '社会组织培育与监管',
  ]);
  expect(p.signature?.date?.iso).toBe('2021-03-26');
  expect(p.furniture.some((f) => f.text.includes('请为本文选择'))).toBe(true);
}

describe('line endings, BOM and blanks never shift spans', () => {
  test('CRLF', () => expectShanghai(SHANGHAI.replace(/\n/g, '\r\n')));
  test('lone CR', () => expectShanghai(SHANGHAI.replace(/\n/g, '\r')));
  test('BOM, full-width indentation, blank lines', () => {
    const text = `\uFEFF${SHANGHAI.split('\n')
      .map((l, i) => (i > 16 ? `\u3000\u3000${l}  ` : l))
      .join('\n\n')}`;
    expectShanghai(text);
    const p = parseNotice(text);
    const first = p.sections[0];
    expect(first && text.slice(first.headingSpan.start, first.headingSpan.end)).toBe(
      '统筹做好常态化疫情防控工作',
    );
  });
});

describe('header layouts', () => {
  test('values on the same line as their labels, full-width colons, spaced labels', () => {
    const text = SHANGHAI.replace(/^(\S+):\n(?![^\n]*:\n)([^\n]+)$/gmu, '$1：$2').replace(
      '索引号：',
      '索 引 号：',
    );
    expect(text).toContain('发文字号：沪示民〔2021〕7号');
    expectShanghai(text);
    const p = parseNotice(text);
    expect(p.header?.fields[0]).toMatchObject({ key: 'indexNo', label: '索引号' });
    expect(p.header?.fields.find((f) => f.label === '生效日期')?.value).toBe('');
  });

  test('gov.cn table pasted with runs of spaces instead of tabs', () => {
    const text = fixture('govcn-format-notice.txt').replace(/\t/g, '    ');
    const p = parseNotice(text);
    expect(brokenSpan(p)).toBeNull();
    expect(p.header?.fields.map((f) => f.key)).toEqual([
      'indexNo',
      'topic',
      'issuer',
      'writtenDate',
      'title',
      'docNumber',
      'publishDate',
    ]);
    expect(p.topic).toEqual({ label1: '科技、教育', label2: '教育' });
  });

  test('gov.cn table with empty cells and unknown labels kept as other', () => {
    const text = [
      '索  引  号：\t000014349/2022-00001\t主题分类：\t',
      '发文机关：\t国务院办公厅\t体裁分类：\t通知',
      '标    题：\t国务院办公厅关于做好示范工作的通知',
      '发文字号：\t国办发[2022]1号\t生效日期：\t\t失效日期：',
      '国务院办公厅关于做好示范工作的通知',
      '各省、自治区、直辖市人民政府：',
      '请认真做好示范工作。',
      '国务院办公厅',
      '2022年1月5日',
    ].join('\n');
    const p = parseNotice(text);
    expect(brokenSpan(p)).toBeNull();
    const fields = p.header?.fields ?? [];
    expect(fields.map((f) => [f.label, f.value])).toEqual([
      ['索引号', '000014349/2022-00001'],
      ['主题分类', ''],
      ['发文机关', '国务院办公厅'],
      ['体裁分类', '通知'],
      ['标题', '国务院办公厅关于做好示范工作的通知'],
      ['发文字号', '国办发[2022]1号'],
      ['生效日期', ''],
      ['失效日期', ''],
    ]);
    expect(fields[3]?.key).toBe('other');
    expect(p.topicRaw).toBeNull();
    expect(p.topic).toBeNull();
    expect(p.docNumber).toMatchObject({ raw: '国办发[2022]1号', normalised: '国办发〔2022〕1号' });
    expect(p.dates.written?.iso).toBe('2022-01-05');
    expect(p.dates.effective).toBeNull();
    expect(p.title?.text).toBe('国务院办公厅关于做好示范工作的通知');
    expect(p.addressee?.text).toBe('各省、自治区、直辖市人民政府：');
    expect(p.preamble?.text).toBe('请认真做好示范工作。');
  });

  test('an empty 主 题 词 row closes the old gov.cn table, not taken for an addressee', () => {
    const text = [
      '索 引 号：\t000014349/2008-00075\t主题分类：\t城乡建设、环境保护\\其他',
      '标　　题：\t国务院办公厅关于示范工作的通知',
      '主 题 词：\t',
      '国务院办公厅关于示范工作的通知',
      '各省、自治区、直辖市人民政府：',
    ].join('\n');
    const p = parseNotice(text);
    expect(p.header?.fields.map((f) => [f.label, f.value])).toEqual([
      ['索引号', '000014349/2008-00075'],
      ['主题分类', '城乡建设、环境保护\\其他'],
      ['标题', '国务院办公厅关于示范工作的通知'],
      ['主题词', ''],
    ]);
    expect(p.addressee?.text).toBe('各省、自治区、直辖市人民政府：');
  });

  test('an unknown topic label is kept raw and not put on the taxonomy', () => {
    const p = parseNotice('索引号：A1\n主题分类：不存在的分类\n关于开展示范工作的通知\n');
    expect(p.topicRaw).toBe('不存在的分类');
    expect(p.topic).toBeNull();
  });

  test('Chinese-numeral dates and 【】 document numbers in the header', () => {
    const text = SHANGHAI.replace('2021-03-26', '二〇二一年三月二十六日')
      .replace('2021-04-09', '2021.4.9')
      .replace('沪示民〔2021〕7号', '沪示民【2021】7号');
    const p = parseNotice(text);
    expect(p.dates.written).toMatchObject({ raw: '二〇二一年三月二十六日', iso: '2021-03-26' });
    expect(p.dates.published).toMatchObject({ raw: '2021.4.9', iso: '2021-04-09' });
    expect(p.docNumber).toMatchObject({
      raw: '沪示民【2021】7号',
      normalised: '沪示民〔2021〕7号',
    });
    expect(brokenSpan(p)).toBeNull();
  });

  test('odd values inside the block are still values: an index with Han, a partial date', () => {
    const p = parseNotice(
      '索引号:\n沪府办-2020-0012\n主题分类:\n民政、扶贫、救灾\\社会福利\n成文日期:\n2020年3月\n关于做好养老服务工作的通知\n各区民政局:\n请做好工作。\n',
    );
    expect(p.indexNo).toBe('沪府办-2020-0012');
    expect(p.topic).toEqual({ label1: '民政、扶贫、救灾', label2: '社会福利' });
    expect(p.dates.written).toMatchObject({ raw: '2020年3月', iso: null });
    expect(p.title?.text).toBe('关于做好养老服务工作的通知');
    expect(p.addressee?.text).toBe('各区民政局:');
  });

  test('an addressee right under the header is not read as one more label', () => {
    const text = `${SHANGHAI.split('\n').slice(0, 14).join('\n')}\n关于做好示范工作的通知\n示范省人民政府：\n一、加强组织领导\n`;
    const p = parseNotice(text);
    expect(p.header?.fields.map((f) => f.label)).not.toContain('示范省人民政府');
    expect(p.title?.text).toBe('关于做好示范工作的通知');
    expect(p.addressee?.text).toBe('示范省人民政府：');
    expect(p.sections.map((s) => s.heading)).toEqual(['加强组织领导']);
  });

  test('an invalid date keeps its raw text with iso null', () => {
    const p = parseNotice('索引号：A1\n成文日期：2021-02-30\n关于开展示范工作的通知\n');
    expect(p.dates.written).toMatchObject({ raw: '2021-02-30', iso: null });
  });
});

describe('no header: title, issuer, number and date from the body', () => {
  const p = parseNotice(fixture('no-header-notice.txt'));

  test('front matter and signature', () => {
    expect(brokenSpan(p)).toBeNull();
    expect(p.header).toBeNull();
    expect(noticeMeta(p)).toEqual({
      title: '关于做好2022年示范区中小学暑期安全工作的通知',
      issuer: '上海市示范区教育局',
      docNumber: '沪示教〔2022〕3号',
      indexNo: null,
      topicRaw: null,
      writtenDate: '2022-06-20',
      publishDate: null,
      effectiveDate: null,
      expiryDate: null,
    });
    expect(p.docNumber?.raw).toBe('沪示教[2022]3号');
    expect(p.addressee?.text).toBe('各中小学、各幼儿园：');
    expect(p.signature?.date).toMatchObject({ raw: '二〇二二年六月二十日', iso: '2022-06-20' });
  });

  test('attachments and furniture stay out of sections and the body ends', () => {
    expect(p.attachments.map((a) => a.text)).toEqual([
      '附件：1.暑期安全告家长书',
      '2.暑期安全工作检查表',
    ]);
    expect(p.furniture.map((f) => f.text)).toEqual([
      '【字体：大 中 小】打印本页',
      '关闭窗口',
      '分享到：微信 微博',
    ]);
    expect(p.sections.map((s) => s.heading)).toEqual(['加强安全教育', '落实家校联系']);
    const last = p.sections[1];
    const attachment = p.attachments[0];
    expect(last && attachment && last.span.end <= attachment.span.start).toBe(true);
    expect(p.text.slice(p.body.start, p.body.start + 4)).toBe('上海市示');
    expect(p.text.slice(0, p.body.end).endsWith('二〇二二年六月二十日')).toBe(true);
  });

  test('the issuer falls back to the title when nothing else names it', () => {
    const q = parseNotice('国务院办公厅关于做好示范工作的通知\n各地：\n请认真做好示范工作。\n');
    expect(q.issuer?.text).toBe('国务院办公厅');
    expect(q.signature).toBeNull();
    expect(brokenSpan(q)).toBeNull();
  });

  test('a document number embedded in parentheses on its own line', () => {
    const q = parseNotice(
      '关于做好示范工作的通知\n（沪府办发(2023)12号）\n各区人民政府：\n请做好工作。\n',
    );
    expect(q.docNumber).toMatchObject({
      raw: '沪府办发(2023)12号',
      normalised: '沪府办发〔2023〕12号',
    });
    expect(q.title?.text).toBe('关于做好示范工作的通知');
  });

  test('a document number beside the signer, and one further down the first lines', () => {
    const q = parseNotice(
      '上海市示范区人民政府文件\n沪示府〔2020〕5号　　签发人：张三\n关于示范工作的请示\n市政府：\n',
    );
    expect(q.docNumber?.raw).toBe('沪示府〔2020〕5号');
    expect(q.issuer?.text).toBe('上海市示范区人民政府');
    expect(q.title?.text).toBe('关于示范工作的请示');
    const r = parseNotice(
      '关于示范工作的通知\n各区：\n（2021年第3号）\n沪示办[2021]3号\n请做好工作。\n',
    );
    expect(r.docNumber?.normalised).toBe('沪示办〔2021〕3号');
  });

  test('a document number cited inside a paragraph is not the notice’s own', () => {
    const q = parseNotice(
      '关于做好示范工作的通知\n各区：\n根据《实施方案》（国发〔2019〕4号）要求，请做好工作。\n',
    );
    expect(q.docNumber).toBeNull();
  });
});

describe('titles wrapped over lines', () => {
  test('joined as the header’s 标题 spells it, even where a line ends like a title', () => {
    const text = [
      '索引号：\t000014349/2006-00001\t主题分类：\t公安、安全、司法\\其他',
      '标题：\t国务院办公厅关于印发国家突发公共事件总体应急预案的通知',
      '国务院办公厅关于印发国家突发公共事件总体应急预案',
      '的通知',
      '各省、自治区、直辖市人民政府：',
    ].join('\n');
    const p = parseNotice(text);
    expect(noticeMeta(p).title).toBe('国务院办公厅关于印发国家突发公共事件总体应急预案的通知');
    expect(p.title?.text).toBe('国务院办公厅关于印发国家突发公共事件总体应急预案\n的通知');
    expect(p.addressee?.text).toBe('各省、自治区、直辖市人民政府：');
  });

  test('without a header: a stub such as 的通知 is joined, a following line is not', () => {
    const p = parseNotice('关于印发示范区应急预案\n的通知\n各街镇：\n请遵照执行。\n');
    expect(noticeMeta(p).title).toBe('关于印发示范区应急预案的通知');
    const q = parseNotice('关于做好示范工作的通知\n示范工作方案\n各街镇：\n');
    expect(q.title?.text).toBe('关于做好示范工作的通知');
  });
});

describe('signatures and addressees in other places', () => {
  test('issuing bodies and date under the title (a plan issued jointly)', () => {
    const p = parseNotice(
      '关于开展法治宣传教育的第八个五年规划\n示范市委宣传部　示范市司法局\n二〇二一年九月十日\n为全面落实普法工作，制定本规划。\n一、主要目标。到2025年公民法治素养显著提升。\n',
    );
    expect(p.title?.text).toBe('关于开展法治宣传教育的第八个五年规划');
    expect(p.signature?.issuer?.text).toBe('示范市委宣传部　示范市司法局');
    expect(p.issuer?.text).toBe('示范市委宣传部　示范市司法局');
    expect(p.dates.written?.iso).toBe('2021-09-10');
    expect(p.preamble?.text).toBe('为全面落实普法工作，制定本规划。');
    expect(brokenSpan(p)).toBeNull();
  });

  test('the date of adoption in brackets under the title, the issuers alone at the end', () => {
    const p = parseNotice(
      '关于做好2022年乡村振兴重点工作的实施意见\n（2022年3月2日）\n为做好乡村振兴工作，现提出如下意见。\n一、抓好粮食生产\n稳定粮食播种面积。\n中共示范市委　示范市人民政府\n',
    );
    expect(p.dates.written).toMatchObject({ raw: '2022年3月2日', iso: '2022-03-02' });
    expect(p.signature).toMatchObject({
      issuer: { text: '中共示范市委　示范市人民政府' },
      date: null,
    });
    expect(p.sections[0]?.span.end).toBeLessThanOrEqual(p.signature?.span.start ?? 0);
    expect(brokenSpan(p)).toBeNull();
  });

  test('a cover letter with points of its own, signed before the attached document', () => {
    const text = [
      '国务院关于印发示范行动方案的通知',
      '各省、自治区、直辖市人民政府：',
      '现将《示范行动方案》印发给你们，并提出以下要求：',
      '一、提高认识。各地要高度重视。',
      '二、加强领导。各地要加强组织。',
      '国务院',
      '2020年1月5日',
      '示范行动方案',
      '为推进示范工作，制定本方案。',
      '一、总体要求',
      '做好工作。',
      '二、主要任务',
      '抓好落实。',
    ].join('\n');
    const p = parseNotice(text);
    expect(p.coverLetter?.text).toBe(
      '现将《示范行动方案》印发给你们，并提出以下要求：\n一、提高认识。各地要高度重视。\n二、加强领导。各地要加强组织。',
    );
    expect(p.signature?.date?.iso).toBe('2020-01-05');
    expect(p.preamble?.text).toBe('为推进示范工作，制定本方案。');
    expect(p.sections.map((s) => s.heading)).toEqual(['总体要求', '主要任务']);
  });

  test('a lead-in sentence ending in a colon is not an addressee', () => {
    const p = parseNotice(
      '关于禁止燃放烟花爆竹的通告\n为保障公共安全，根据有关规定，现将有关事项通告如下：\n一、禁放区域\n',
    );
    expect(p.addressee).toBeNull();
    expect(p.preamble?.text).toBe('为保障公共安全，根据有关规定，现将有关事项通告如下：');
  });
});

describe('page furniture', () => {
  test('around and inside the notice', () => {
    const text = `【字体：大 中 小】\n${SHANGHAI.replace('三、进一步健全', '打印本页 关闭窗口\n三、进一步健全')}打印本页\n关闭窗口\n分享到：\n`;
    expectShanghai(text);
    const p = parseNotice(text);
    expect(p.furniture.map((f) => f.text)).toEqual([
      '【字体：大 中 小】',
      '打印本页 关闭窗口',
      '为了方便查询政府信息,请为本文选择一个合适的主题分类。',
      '打印本页',
      '关闭窗口',
      '分享到：',
    ]);
    const headings = p.sections.flatMap((s) => [s, ...s.children]).map((s) => s.headingSpan);
    for (const f of p.furniture) {
      for (const h of headings) expect(f.span.end <= h.start || f.span.start >= h.end).toBe(true);
    }
  });

  test('a notice that is only furniture has no sections and an empty body', () => {
    const p = parseNotice('打印本页\n关闭窗口\n');
    expect(p.sections).toEqual([]);
    expect(p.body.end - p.body.start).toBe(0);
    expect(brokenSpan(p)).toBeNull();
  });
});

describe('sections', () => {
  test('heading up to the first 。 when the body follows on the same line', () => {
    const p = parseNotice(
      '一、加强组织领导。各单位要高度重视。\n二、强化督查\n（一）定期检查。每季度检查一次。\n',
    );
    expect(p.sections.map((s) => s.heading)).toEqual(['加强组织领导', '强化督查']);
    expect(p.sections[1]?.children[0]?.heading).toBe('定期检查');
  });

  test('decimals and years do not open sections', () => {
    const p = parseNotice('一、目标\n2.5亿元资金已到位。\n2020年完成建设。\n');
    expect(p.sections).toHaveLength(1);
    expect(p.sections[0]?.children).toEqual([]);
  });

  test('lead phrases only inside a section, never in the preamble', () => {
    const p = parseNotice(
      '关于开展示范工作的通知\n总体要求。做好各项工作。\n一、重点任务\n社区治理。推进社区治理。\n村居自治。规范村务公开。\n',
    );
    expect(p.preamble?.text).toBe('总体要求。做好各项工作。');
    expect(p.sections[0]?.children.map((c) => [c.marker, c.heading])).toEqual([
      ['lead', '社区治理'],
      ['lead', '村居自治'],
    ]);
  });

  test('a lone short first sentence is not a lead phrase', () => {
    const p = parseNotice(
      '一、加强领导\n各单位要高度重视。把工作落到实处，确保取得实效。\n二、强化督查\n',
    );
    expect(p.sections[0]?.children).toEqual([]);
  });

  test('a heading closed by a colon, and chapters above 一、', () => {
    const p = parseNotice('第一章 总则\n一、创建对象：全州各级机关。\n第二章　管理\n');
    expect(p.sections.map((s) => [s.label, s.heading, s.depth])).toEqual([
      ['第一章', '总则', 1],
      ['第二章', '管理', 1],
    ]);
    expect(p.sections[0]?.children[0]?.heading).toBe('创建对象');
  });

  test('spans run from the marker to the last paragraph, children included', () => {
    const text = '一、甲\n正文一。\n（一）乙\n正文二。\n二、丙\n正文三。';
    const p = parseNotice(text);
    const [a, b] = p.sections;
    expect(a && text.slice(a.span.start, a.span.end)).toBe('一、甲\n正文一。\n（一）乙\n正文二。');
    expect(b && text.slice(b.span.start, b.span.end)).toBe('二、丙\n正文三。');
  });
});

describe('a news-style page', () => {
  test('breadcrumb, title above a source/date line, previous/next links', () => {
    const text = [
      '当前位置：首页 > 政务公开 > 通知公告',
      '关于做好2023年示范区防汛工作的通知',
      '来源：示范区水务局    发布时间：2023-05-10',
      '各街镇：',
      '为做好今年防汛工作，现将有关事项通知如下：',
      '一、落实防汛责任',
      '各单位要落实防汛责任制。',
      '示范区水务局',
      '2023年5月9日',
      '上一篇：关于开展节水宣传周活动的通知',
      '下一篇：无',
    ].join('\n');
    const p = parseNotice(text);
    expect(brokenSpan(p)).toBeNull();
    expect(p.title?.text).toBe('关于做好2023年示范区防汛工作的通知');
    expect(p.header?.fields.map((f) => [f.key, f.value])).toEqual([
      ['other', '示范区水务局'],
      ['publishDate', '2023-05-10'],
    ]);
    expect(p.dates.published?.iso).toBe('2023-05-10');
    expect(p.dates.written?.iso).toBe('2023-05-09');
    expect(p.addressee?.text).toBe('各街镇：');
    expect(p.furniture.map((f) => f.text)).toEqual([
      '当前位置：首页 > 政务公开 > 通知公告',
      '上一篇：关于开展节水宣传周活动的通知',
      '下一篇：无',
    ]);
  });

  test('a saved page: the title above a one-line header wins over a stray link text', () => {
    const text = [
      '关于开展网络安全检查的通知',
      '发文字号:沪示网〔2022〕7号',
      '点这里',
      '各单位:请做好网络安全自查工作。',
    ].join('\n');
    const p = parseNotice(text);
    expect(brokenSpan(p)).toBeNull();
    expect(p.title?.text).toBe('关于开展网络安全检查的通知');
    expect(p.docNumber?.normalised).toBe('沪示网〔2022〕7号');
  });
});
