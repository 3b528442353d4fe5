/** Hand-made notices and a tiny prior for classifier tests (independent of prior/*.json). */
import type { ParsedNotice, Section } from '../../notice/types';
import { readPrior, type KnowledgePrior } from '../prior';

export const TINY_PRIOR: KnowledgePrior = readPrior({
  terms: {
    schemaVersion: 1,
    entries: [
      {
        path: '民政、扶贫、救灾\\社会福利',
        terms: ['养老服务', '社会福利', '儿童福利', '残疾人'],
        strong: ['养老服务'],
      },
      {
        path: '民政、扶贫、救灾\\其他',
        terms: ['婚姻登记', '殡葬', '慈善', '社区治理'],
        strong: [],
      },
      {
        path: '民政、扶贫、救灾\\扶贫',
        terms: ['扶贫', '脱贫攻坚', '贫困户'],
        strong: ['脱贫攻坚'],
      },
      { path: '民政、扶贫、救灾', terms: ['民政', '救助'], strong: [] },
      {
        path: '科技、教育\\教育',
        terms: ['学校', '教师', '职业教育', '义务教育', '学生'],
        strong: ['职业教育'],
      },
      {
        path: '科技、教育\\科技',
        terms: ['科技计划', '科研', '技术创新', '实验室'],
        strong: ['科技计划'],
      },
      {
        path: '卫生、体育\\卫生',
        terms: ['医疗', '卫生健康', '疫情防控', '医院'],
        strong: ['疫情防控'],
      },
      {
        path: '农业、林业、水利\\农业、畜牧业、渔业',
        terms: ['农业', '畜牧', '种植', '农产品'],
        strong: [],
      },
    ],
  },
  issuers: {
    schemaVersion: 1,
    entries: [{ pattern: '民政', path: '民政、扶贫、救灾', weight: 2 }],
  },
  rules: {
    schemaVersion: 1,
    rules: [
      {
        id: 'annual-work-plan',
        description: '工作要点归入领域其他',
        titlePattern: '工作要点',
        target: 'area-other',
        weight: 2.5,
      },
    ],
  },
});

interface NoticeParts {
  readonly header?: readonly (readonly [string, string])[];
  readonly title: string;
  readonly issuer?: string;
  readonly sections?: readonly (readonly [string, string])[];
  readonly body?: string;
}

/**
 * Builds text and a ParsedNotice with exact spans: header lines `label:value`, the title, then
 * sections (`一、heading` + paragraph) and a closing paragraph.
 */
export function makeNotice(parts: NoticeParts): ParsedNotice {
  let text = '';
  const headerLines = parts.header ?? [];
  for (const [label, value] of headerLines) text += `${label}：${value}\n`;
  const headerEnd = text.length;
  const titleStart = text.length;
  text += `${parts.title}\n`;
  const sections: Section[] = [];
  const marks = ['一、', '二、', '三、', '四、', '五、'];
  (parts.sections ?? []).forEach(([heading, para], i) => {
    const start = text.length;
    const label = marks[i] ?? '一、';
    text += `${label}${heading}\n`;
    const headingSpan = { start: start + label.length, end: start + label.length + heading.length };
    text += `${para}\n`;
    sections.push({
      marker: 'chinese',
      label,
      heading,
      headingSpan,
      span: { start, end: text.length - 1 },
      depth: 1,
      children: [],
    });
  });
  if (parts.body !== undefined) text += `${parts.body}\n`;
  let issuer = null;
  if (parts.issuer !== undefined) {
    const start = text.length;
    text += `${parts.issuer}\n`;
    issuer = { text: parts.issuer, span: { start, end: start + parts.issuer.length } };
  }
  const topicRaw = headerLines.find(([l]) => l === '主题分类')?.[1] ?? null;
  return {
    text,
    header: headerLines.length > 0 ? { fields: [], span: { start: 0, end: headerEnd } } : null,
    indexNo: headerLines.find(([l]) => l === '索引号')?.[1] ?? null,
    topicRaw,
    topic: null,
    issuer,
    docNumber: null,
    dates: { written: null, published: null, effective: null, expiry: null },
    title: { text: parts.title, span: { start: titleStart, end: titleStart + parts.title.length } },
    addressee: null,
    coverLetter: null,
    signature: null,
    preamble: null,
    sections,
    attachments: [],
    furniture: [],
    body: { start: headerEnd, end: text.length },
  };
}
