/**
 * A ParsedNotice for bare text (a title from a catalogue, a paragraph from a data set, or a notice
 * while no parser is at hand): no header, the whole text as body, and the title and issuer found
 * by their usual endings.
 */
import type { ParsedNotice, TextPart } from '../notice/types';

const TITLE_MAX = 80;
/** What a notice title ends with (通知, 意见, 工作要点 …). */
const TITLE_END =
  /(通知|意见|办法|要点|方案|规定|决定|公告|通告|批复|复函|函|报告|规划|细则|计划|纲要|条例|措施|预案|通报)$/u;
/** A signature line: the issuing body alone on its line. */
const ISSUER_LINE =
  /^[\p{Script=Han}（）()]{2,30}(局|委员会|人民政府|办公厅|办公室|部|署|院|委|中心|厅)$/u;
/** Header fields: a label line, a value line after it, never a title. */
const HEADER_LABEL =
  /^(索引号|主题分类|公开主体|发布机构|发文机关|发文字号|成文日期|发布日期|生效日期|失效日期|标题|主题词)[:：]/u;

function lines(text: string): TextPart[] {
  const out: TextPart[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const trimmed = m[0].trim();
    if (trimmed === '') continue;
    const start = m.index + m[0].indexOf(trimmed);
    out.push({ text: trimmed, span: { start, end: start + trimmed.length } });
  }
  return out;
}

export function plainNotice(text: string): ParsedNotice {
  const all = lines(text);
  const candidates = all.slice(0, 40).filter((l, i) => {
    const previous = all[i - 1]?.text ?? '';
    return (
      l.text.length <= TITLE_MAX &&
      !HEADER_LABEL.test(l.text) &&
      !(HEADER_LABEL.test(previous) && /[:：]$/.test(previous)) &&
      !/[。；：:]$/.test(l.text)
    );
  });
  const first = all[0];
  const title =
    candidates.find((l) => TITLE_END.test(l.text)) ??
    (first &&
    first.text.length <= TITLE_MAX &&
    !/[。；]$/.test(first.text) &&
    !HEADER_LABEL.test(first.text)
      ? first
      : null);
  const issuer = [...all].reverse().find((l) => ISSUER_LINE.test(l.text)) ?? null;
  return {
    text,
    header: null,
    indexNo: null,
    topicRaw: null,
    topic: null,
    issuer,
    docNumber: null,
    dates: { written: null, published: null, effective: null, expiry: null },
    title,
    addressee: null,
    coverLetter: null,
    signature: null,
    preamble: null,
    sections: [],
    attachments: [],
    furniture: [],
    body: { start: 0, end: text.length },
  };
}
