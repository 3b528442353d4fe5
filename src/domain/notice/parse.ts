/**
 * parseNotice: the text of a government notice → ParsedNotice (see types.ts).
 * Line based and linear in the length of the text; every span indexes the text exactly as given.
 */
import { normaliseTopic } from '../taxonomy/taxonomy';
import { isDateText, looksLikeDate, noticeDate } from './dates';
import { findDocNumber, normaliseDocNumber } from './docnumber';
import { isFurnitureLine, isRequestLine } from './furniture';
import { parseHeader, startsHeader, type ParsedHeader } from './header';
import { buildSections, markerOf } from './sections';
import { partOf, splitLines, type Line } from './lines';
import type {
  DocNumber,
  HeaderField,
  HeaderKey,
  NoticeDate,
  ParsedNotice,
  Section,
  Span,
  TextPart,
} from './types';

/** How far down the header may start (below a title or page furniture). */
const HEADER_SEARCH = 6;
/** What a notice title ends with. */
const TITLE_END =
  /(通知|通报|通告|公告|意见|办法|要点|方案|规定|决定|批复|复函|函|报告|规划|细则|计划|纲要|条例|措施|预案|规则|规范|标准|指南|目录|清单|公报|说明|决议|命令|令|意见稿|请示|纪要|公示|答复|倡议书|指引|准则|章程|名单|名录)$/u;
/** The endings of an issuing body's name. */
const ORG_END =
  /(局|委员会|政府|办公厅|办公室|部|署|院|委|中心|厅|会|处|所|站|馆|司|组|社|行|公司|集团|大学|学校|室|办|总队|支队|党组)$/u;
/** Cover letters that transmit an attached document. */
const TRANSMIT = /现将|印发给你们|转发给你们|印发给你|发给你们/u;
/**
 * A letter that names the document it transmits (现将《…》印发给你们, 《…》已经国务院同意，现印发给你们),
 * unlike a notice's own lead-in (现将有关事项通知如下).
 */
const TRANSMITS_DOCUMENT = /《[^》]{1,80}》.{0,40}(?:印发|转发|发给)/u;
const END_PUNCT = /[。；;：:，,！!？?、]$/u;

/** Furniture, or the request line: what stands above or below a notice on the page. */
function isPageLine(s: string): boolean {
  return isFurnitureLine(s) || isRequestLine(s);
}

function part(line: Line): TextPart {
  return { text: line.text, span: line.span };
}

function between(text: string, from: Line, to: Line): TextPart {
  const span = { start: from.span.start, end: to.span.end };
  return { text: text.slice(span.start, span.end), span };
}

function isParenthetical(s: string): boolean {
  return /^[（(][^（）()]{1,40}[）)]$/u.test(s);
}

function isTitleLike(s: string): boolean {
  return (
    s.length >= 2 &&
    s.length <= 80 &&
    !END_PUNCT.test(s) &&
    !s.includes('。') &&
    !looksLikeDate(s) &&
    findDocNumber(s) === null &&
    markerOf(s) === null &&
    !isParenthetical(s) &&
    !isAttachmentLine(s) &&
    !isRecordLine(s) &&
    /\p{Script=Han}/u.test(s)
  );
}

/**
 * 版记: the distribution list and print line that close an official document (抄送：…,
 * 示范省人民政府办公厅 2023年4月11日印发). Part of the notice, but neither a title nor a point.
 */
function isRecordLine(s: string): boolean {
  return (
    s.length <= 300 &&
    (/^(?:抄送|抄报|分送|发送)\s*[:：]/u.test(s) ||
      /[0-9０-９〇○一二三四五六七八九十]日\s*印发$/u.test(s))
  );
}

/** A sentence that announces what follows (为…，现通知如下：) rather than naming addressees. */
const LEAD_IN =
  /^(为|根据|按照|依据|依照|遵照|经|现|近期|近日|按|因|鉴于|当前|今年|目前)|如下[：:]$/u;

function isAddresseeLike(s: string): boolean {
  return (
    s.length >= 3 &&
    s.length <= 200 &&
    /[：:]$/u.test(s) &&
    !s.includes('。') &&
    !LEAD_IN.test(s) &&
    markerOf(s) === null
  );
}

function isIssuerLike(s: string): boolean {
  return (
    s.length >= 2 &&
    s.length <= 50 &&
    !/[。，,：:；;！!？?“”《》]/u.test(s) &&
    markerOf(s) === null &&
    !isDateText(s) &&
    (ORG_END.test(s) || s.length <= 12)
  );
}

function isAttachmentLine(s: string): boolean {
  return s.length <= 200 && /^附\s*件\s*[0-9０-９一二三四五六七八九十]{0,3}\s*(?:[:：]|$)/u.test(s);
}

/** A numbered line continuing an attachment list (附件：1.… ⏎ 2.…). */
function isAttachmentItem(s: string): boolean {
  return s.length <= 100 && !s.includes('。') && /^[0-9０-９]{1,2}[.．、]/u.test(s);
}

/** Blanks removed, to compare a title wrapped over lines with the header's one-line 标题. */
function compact(s: string): string {
  return s.replace(/[\s\u3000]+/gu, '');
}

/**
 * The title at `lines[i]`, joined with up to two more lines when it is wrapped (gov.cn wraps long
 * titles). With the header's 标题 at hand the lines are joined while they spell it; otherwise while
 * the joined text does not yet end like a title, or the next line is a stub such as `的通知`.
 */
function titleAt(
  lines: readonly Line[],
  i: number,
  expected: string | null = null,
): { first: Line; last: Line; count: number } | null {
  const first = lines[i];
  if (!first || !isTitleLike(first.text)) return null;
  let joined = compact(first.text);
  let best = { first, last: first, count: 1 };
  for (let n = 1; n <= 2; n++) {
    const next = lines[i + n];
    if (!next || next.text.length > 40 || !isTitleLike(next.text)) break;
    const candidate = joined + compact(next.text);
    if (expected !== null && expected.startsWith(joined) && joined !== expected) {
      if (!expected.startsWith(candidate)) break;
    } else if (
      !(TITLE_END.test(joined) ? /^[的之]/u.test(next.text) && next.text.length <= 8 : true) ||
      ORG_END.test(next.text)
    ) {
      break;
    }
    joined = candidate;
    if (TITLE_END.test(joined) || joined === expected) best = { first, last: next, count: n + 1 };
  }
  return best;
}

interface Signature {
  readonly issuer: Line | null;
  readonly date: Line | null;
}

/** A line that can only be the name of issuing bodies: ends like one, no sentence in it. */
function isSignatureName(s: string): boolean {
  return isIssuerLike(s) && ORG_END.test(s) && !TITLE_END.test(s);
}

function signatureAt(lines: readonly Line[], d: number, floor: number): Signature | null {
  const date = lines[d];
  if (!date || !isDateText(date.text)) return null;
  const before = d - 1 >= floor ? lines[d - 1] : undefined;
  return { issuer: before && isIssuerLike(before.text) ? before : null, date };
}

function headerValue(fields: readonly HeaderField[], key: HeaderKey): HeaderField | null {
  return fields.find((f) => f.key === key && f.valueSpan !== null) ?? null;
}

function fieldPart(f: HeaderField | null): TextPart | null {
  return f?.valueSpan ? { text: f.value, span: f.valueSpan } : null;
}

function fieldDate(f: HeaderField | null): NoticeDate | null {
  return f?.valueSpan ? noticeDate(f.value, f.valueSpan) : null;
}

function docNumberOf(raw: string, span: Span | null): DocNumber {
  return { raw, normalised: normaliseDocNumber(raw), span };
}

/** The page around the notice: furniture at both ends and inside, the header, lines left. */
interface Page {
  readonly header: ParsedHeader | null;
  /** A title standing above the header (news-style pages). */
  readonly titleAbove: TextPart | null;
  /** The notice's own lines: no header, no furniture. */
  readonly lines: Line[];
  readonly furniture: TextPart[];
}

function readPage(text: string, all: readonly Line[]): Page {
  const furniture: TextPart[] = [];
  let first = 0;
  while (first < all.length && isPageLine((all[first] as Line).text)) {
    furniture.push(part(all[first] as Line));
    first++;
  }
  let header: ParsedHeader | null = null;
  let titleAbove: TextPart | null = null;
  for (let k = first; k < Math.min(all.length, first + HEADER_SEARCH); k++) {
    if (startsHeader(text, all[k] as Line)) {
      header = parseHeader(text, all, k);
      for (let t = first; t < k && !titleAbove; t++) {
        const candidate = all[t] as Line;
        if (isTitleLike(candidate.text)) titleAbove = part(candidate);
      }
      break;
    }
  }
  const from = header ? header.next : first;
  let to = all.length;
  while (to > from && isPageLine((all[to - 1] as Line).text)) to--;
  const lines: Line[] = [];
  for (let k = from; k < to; k++) {
    const line = all[k] as Line;
    if (isFurnitureLine(line.text)) furniture.push(part(line));
    else lines.push(line);
  }
  for (let k = to; k < all.length; k++) furniture.push(part(all[k] as Line));
  return { header, titleAbove, lines, furniture };
}

/** What stands above the addressee's letter: 版头 (…文件), title, document number, addressee. */
interface Front {
  /** Index of the first line after the front matter. */
  readonly next: number;
  readonly title: TextPart | null;
  readonly docNumber: DocNumber | null;
  /** The issuer named by a 版头 such as 上海市人民政府文件. */
  readonly redHead: TextPart | null;
  readonly addressee: TextPart | null;
  /** Issuing bodies and date right under the title (plans and opinions issued jointly). */
  readonly signature: Signature | null;
  /** The date of adoption in brackets under the title: （2022年3月2日）. */
  readonly date: NoticeDate | null;
}

function docNumberIn(line: Line): DocNumber | null {
  const doc = findDocNumber(line.text);
  if (!doc) return null;
  const start = line.span.start + doc.index;
  return docNumberOf(doc.raw, { start, end: start + doc.raw.length });
}

function readFront(
  text: string,
  lines: readonly Line[],
  isAttachment: readonly boolean[],
  headerTitle: string | null,
): Front {
  let p = 0;
  let title: TextPart | null = null;
  let docNumber: DocNumber | null = null;
  let redHead: TextPart | null = null;
  let signature: Signature | null = null;
  let date: NoticeDate | null = null;
  for (let guard = 0; guard < 6 && p < lines.length; guard++) {
    const line = lines[p] as Line;
    const doc: DocNumber | null = docNumber ? null : docNumberIn(line);
    if (doc) {
      docNumber = doc;
      p++;
      continue;
    }
    if (!title && !redHead && /文件$/u.test(line.text) && line.text.length <= 30) {
      const name = partOf(text, line.span.start, line.span.end - 2);
      if (ORG_END.test(name.text)) {
        redHead = name;
        p++;
        continue;
      }
    }
    if (!title && !isAddresseeLike(line.text)) {
      const t = titleAt(lines, p, headerTitle);
      const next = t ? lines[p + t.count] : undefined;
      // A lone short line followed by a date is a signature, not a title.
      if (t && !(next && isDateText(next.text) && isIssuerLike(t.first.text))) {
        title = between(text, t.first, t.last);
        p += t.count;
        continue;
      }
    }
    if (title && !signature) {
      const sig = signatureAt(lines, p + 1, p);
      if (sig?.issuer) {
        signature = sig;
        p += 2;
        continue;
      }
      const inner = /^[（(](.+)[）)]$/u.exec(line.text);
      if (inner && !date && isDateText(inner[1] ?? '')) {
        const raw = inner[1] ?? '';
        const start = line.span.start + 1;
        date = noticeDate(raw, { start, end: start + raw.length });
        p++;
        continue;
      }
    }
    break;
  }
  // A number standing below the addressee or further down the first lines (no header, odd order).
  for (let k = p; !docNumber && k < Math.min(lines.length, p + 6); k++) {
    docNumber = docNumberIn(lines[k] as Line);
  }
  let addressee: TextPart | null = null;
  const addresseeLine = lines[p];
  if (addresseeLine && isAddresseeLike(addresseeLine.text) && !isAttachment[p]) {
    addressee = part(addresseeLine);
    p++;
  }
  return { next: p, title, docNumber, redHead, addressee, signature, date };
}

/** The signature closing the notice, and where the notice's points end (exclusive). */
function readEnd(
  lines: readonly Line[],
  isAttachment: readonly boolean[],
  from: number,
): { end: number; signature: Signature | null } {
  let end = lines.length;
  while (end > from && (isAttachment[end - 1] || isRecordLine((lines[end - 1] as Line).text)))
    end--;
  for (let d = end - 1; d >= Math.max(from, end - 3); d--) {
    // A point after it: this signs a cover letter above a short document, not the notice.
    if (markerOf((lines[d] as Line).text)) break;
    const sig = signatureAt(lines, d, from);
    if (sig) return { end: sig.issuer ? d - 1 : d, signature: sig };
  }
  const last = lines[end - 1];
  if (last && end - 1 > from && isSignatureName(last.text)) {
    // Signed without a date (the date stands under the title, or nowhere).
    return { end: end - 1, signature: { issuer: last, date: null } };
  }
  return { end, signature: null };
}

/** The letter and the document it carries: cover letter, its signature, title, preamble, points. */
interface Letter {
  readonly coverLetter: TextPart | null;
  readonly signature: Signature | null;
  readonly attachedTitle: TextPart | null;
  readonly preamble: TextPart | null;
  readonly sections: Section[];
}

/**
 * What a signature inside the lines closes. A cover letter transmits the document after it, which is
 * then the notice's content; the notice proper ends at it when the notice has points of its own or
 * announced attachments (附件：…) and does not transmit a document: what follows is the attachments.
 */
type SignatureRole = 'coverLetter' | 'closing' | null;

function signatureRole(
  transmits: boolean,
  ownPoints: boolean,
  annexed: boolean,
  titled: boolean,
): SignatureRole {
  if (ownPoints) {
    // The letter's own points (并提出以下要求：一、…) may come first, so a transmitting letter
    // signed and followed by a title is still a cover letter.
    if (!titled && !annexed) return null;
    return transmits && !annexed ? 'coverLetter' : 'closing';
  }
  return annexed && !transmits ? 'closing' : 'coverLetter';
}

function readLetter(
  text: string,
  lines: readonly Line[],
  isAttachment: readonly boolean[],
  p: number,
  end: number,
): Letter {
  const markerFrom = (from: number): number => {
    for (let k = from; k < end; k++) {
      if (!isAttachment[k] && markerOf((lines[k] as Line).text)) return k;
    }
    return end;
  };
  const skipNotes = (from: number): number => {
    let k = from;
    while (k < end && (isParenthetical((lines[k] as Line).text) || isAttachment[k])) k++;
    return k;
  };
  let firstAttachment = end;
  for (let k = p; k < end; k++) {
    if (isAttachment[k]) {
      firstAttachment = k;
      break;
    }
  }
  let firstMarker = markerFrom(p);
  const transmits = p < end && TRANSMITS_DOCUMENT.test((lines[p] as Line).text);
  let coverLetter: TextPart | null = null;
  let signature: Signature | null = null;
  let attachedTitle: TextPart | null = null;
  /** Index of the closing signature's first line when the notice proper ends inside the lines. */
  let closedAt: number | null = null;
  let q = p;
  for (let d = p + 2; d < end; d++) {
    const sig = signatureAt(lines, d, p);
    if (!sig?.issuer) continue;
    const after = skipNotes(d + 1);
    const titled = after + 1 < end && titleAt(lines, after) !== null;
    const role = signatureRole(transmits, firstMarker < d, firstAttachment < d - 1, titled);
    if (role === null) continue;
    signature = sig;
    if (role === 'coverLetter') {
      coverLetter = between(text, lines[p] as Line, lines[d - 2] as Line);
      q = d + 1;
    } else {
      closedAt = d - 1;
    }
    break;
  }
  if (!signature && p < firstMarker && TRANSMIT.test((lines[p] as Line).text)) {
    for (let t = p + 1; t <= p + 3 && t < firstMarker; t++) {
      // An unsigned date or a bare name between letter and document is not the document's title.
      if (isSignatureName((lines[t] as Line).text)) continue;
      if (titleAt(lines, t)) {
        coverLetter = between(text, lines[p] as Line, lines[t - 1] as Line);
        q = t;
        break;
      }
    }
  }
  if (coverLetter || closedAt !== null) {
    const from = skipNotes(closedAt === null ? q : closedAt + 2);
    const nextMarker = markerFrom(from);
    const t = from < nextMarker ? titleAt(lines, from) : null;
    if (t) attachedTitle = between(text, t.first, t.last);
    if (coverLetter) {
      q = from + (t?.count ?? 0);
      firstMarker = nextMarker;
    }
  }

  // The text before the first point; a 附件 line or the signature closing the notice ends it.
  let preambleEnd = Math.min(firstMarker, closedAt ?? end);
  for (let k = q; k < preambleEnd; k++) {
    if (isAttachment[k]) {
      preambleEnd = k;
      break;
    }
  }
  const preamble =
    preambleEnd > q ? between(text, lines[q] as Line, lines[preambleEnd - 1] as Line) : null;

  const sectionLines = lines.slice(firstMarker, end);
  const breaks = new Set<number>();
  sectionLines.forEach((_, k) => {
    if (isAttachment[firstMarker + k]) breaks.add(k);
  });
  if (closedAt !== null) {
    breaks.add(closedAt - firstMarker);
    breaks.add(closedAt + 1 - firstMarker);
  }
  // Everything after the first 附件 line, or after the signature closing the notice, is attachment.
  const attachmentFrom = Math.min(firstAttachment, closedAt ?? end) - firstMarker;
  const sections = buildSections(text, sectionLines, breaks, attachmentFrom);
  return { coverLetter, signature, attachedTitle, preamble, sections };
}

/** From the first to the last line of the notice itself: attachment lines at either end stay out. */
function bodySpan(lines: readonly Line[], isAttachment: readonly boolean[], emptyAt: number): Span {
  let first = 0;
  while (first < lines.length && isAttachment[first]) first++;
  let last = lines.length - 1;
  while (last > first && isAttachment[last]) last--;
  const from = lines[first];
  const to = lines[last];
  return from && to
    ? { start: from.span.start, end: to.span.end }
    : { start: emptyAt, end: emptyAt };
}

export function parseNotice(text: string): ParsedNotice {
  const page = readPage(text, splitLines(text));
  const { header, lines } = page;
  const fields = header?.fields ?? [];

  const attachments: TextPart[] = [];
  const isAttachment: boolean[] = [];
  lines.forEach((line, k) => {
    const yes =
      isAttachmentLine(line.text) || (isAttachment[k - 1] === true && isAttachmentItem(line.text));
    isAttachment.push(yes);
    if (yes) attachments.push(part(line));
  });

  const headerTitleField = headerValue(fields, 'title');
  const front = readFront(
    text,
    lines,
    isAttachment,
    headerTitleField ? compact(headerTitleField.value) : null,
  );
  const ending = readEnd(lines, isAttachment, front.next);
  const letter = readLetter(text, lines, isAttachment, front.next, ending.end);
  const signature = letter.signature ?? front.signature ?? ending.signature;

  const topicRaw = headerValue(fields, 'topic')?.value ?? null;
  const normalisedTopic = topicRaw === null ? null : normaliseTopic(topicRaw);
  const docField = headerValue(fields, 'docNumber');
  // A title above a one-line header (a saved web page: 标题, then 发文字号) beats a first body
  // line that does not read as a title (a stray link text such as 点这里).
  const aboveWins =
    page.titleAbove !== null &&
    TITLE_END.test(compact(page.titleAbove.text)) &&
    !(front.title && TITLE_END.test(compact(front.title.text)));
  const title = aboveWins
    ? page.titleAbove
    : (front.title ?? letter.attachedTitle ?? fieldPart(headerTitleField) ?? page.titleAbove);
  const signatureDate = signature?.date
    ? noticeDate(signature.date.text, signature.date.span)
    : null;

  return {
    text,
    header: header ? { fields, span: header.span } : null,
    indexNo: headerValue(fields, 'indexNo')?.value ?? null,
    topicRaw,
    topic: normalisedTopic?.ok ? normalisedTopic.path : null,
    issuer:
      fieldPart(headerValue(fields, 'issuer')) ??
      (signature?.issuer ? part(signature.issuer) : null) ??
      front.redHead ??
      issuerFromTitle(title),
    docNumber: docField?.valueSpan
      ? docNumberOf(docField.value, docField.valueSpan)
      : front.docNumber,
    dates: {
      written: fieldDate(headerValue(fields, 'writtenDate')) ?? signatureDate ?? front.date,
      published: fieldDate(headerValue(fields, 'publishDate')),
      effective: fieldDate(headerValue(fields, 'effectiveDate')),
      expiry: fieldDate(headerValue(fields, 'expiryDate')),
    },
    title,
    addressee: front.addressee,
    coverLetter: letter.coverLetter,
    signature: signature
      ? {
          issuer: signature.issuer ? part(signature.issuer) : null,
          date: signatureDate,
          span: signatureSpan(signature),
        }
      : null,
    preamble: letter.preamble,
    sections: letter.sections,
    attachments,
    furniture: page.furniture,
    body: bodySpan(lines, isAttachment, header ? header.span.end : 0),
  };
}

function signatureSpan(sig: Signature): Span {
  const first = sig.issuer ?? sig.date;
  const last = sig.date ?? sig.issuer;
  return first && last ? { start: first.span.start, end: last.span.end } : { start: 0, end: 0 };
}

/** 国务院办公厅关于… → 国务院办公厅, when what stands before 关于 is the name of a body. */
function issuerFromTitle(title: TextPart | null): TextPart | null {
  if (!title) return null;
  const at = title.text.indexOf('关于');
  if (at < 2 || at > 40) return null;
  const name = title.text.slice(0, at);
  if (!ORG_END.test(name) || /[\r\n]/u.test(name)) return null;
  return { text: name, span: { start: title.span.start, end: title.span.start + at } };
}
