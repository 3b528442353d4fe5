/**
 * Notices for the server tests and the bench, made in the repo (never from ../shared): short
 * notices in the two paste formats, on different subjects, each with a distinct content id.
 */

interface Subject {
  readonly issuer: string;
  /** 主题分类 as a catalogue writes it (the notice's 原标注). */
  readonly topic: string;
  readonly title: string;
  readonly body: string;
}

export const SUBJECTS: readonly Subject[] = [
  {
    issuer: '上海市崇明区民政局',
    topic: '民政、扶贫、救灾-社会福利',
    title: '关于做好困难群众基本生活保障和养老服务工作的通知',
    body: '各乡镇要健全社会救助体系，落实最低生活保障，推进养老服务设施建设，做好困难群众帮扶。',
  },
  {
    issuer: '某市教育局',
    topic: '科技、教育-教育',
    title: '关于做好中小学暑期安全教育工作的通知',
    body: '各中小学要在放假前开展学生安全教育，落实家校联系，做好防溺水和交通安全教育。',
  },
  {
    issuer: '某市卫生健康委员会',
    topic: '卫生、体育-卫生',
    title: '关于加强基层医疗卫生机构疾病预防控制工作的通知',
    body: '各区要加强基层医疗卫生服务能力建设，做好传染病监测、疫苗接种和公共卫生服务。',
  },
  {
    issuer: '某市财政局',
    topic: '财政、金融、审计-财政',
    title: '关于下达2026年财政预算资金的通知',
    body: '现将年度财政预算资金下达给你们，请按照预算管理规定使用，加强资金绩效管理。',
  },
];

/** The i-th notice: subject i mod 4, numbered so that every i gives a different text. */
export function sampleNotice(i: number, options: { header?: boolean } = {}): string {
  const s = SUBJECTS[i % SUBJECTS.length] ?? SUBJECTS[0];
  if (!s) throw new Error('no subjects');
  const number = `〔2026〕${i + 1}号`;
  const header =
    options.header === false
      ? []
      : [
          `索引号：`,
          `TEST-2026-${String(i).padStart(6, '0')}`,
          `主题分类：`,
          s.topic,
          `公开主体：`,
          s.issuer,
          `发文字号：`,
          `测${number}`,
          `成文日期：`,
          '2026-03-30',
        ];
  return [
    ...header,
    `${s.title}（第${i + 1}号）`,
    '各有关单位：',
    `${s.body}现将有关事项通知如下：`,
    '一、提高认识',
    `${s.body}`,
    '二、抓好落实',
    '各单位要明确责任分工，确保各项任务落到实处。',
    s.issuer,
    '2026年3月30日',
  ].join('\n');
}

/** n distinct notices starting at `from`. */
export function sampleNotices(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, k) => sampleNotice(from + k));
}
