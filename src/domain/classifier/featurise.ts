/**
 * The one featuriser: the trainer, eval, the classify CLI, the browser worker and the team server
 * all turn a ParsedNotice into features here, with settings read from the model file.
 *
 * A notice is read as a cataloguer reads it: the title's subject first (what the notice does and
 * for whom, without the issuer's name and the genre ending), then the issuer, then the body's
 * opening and section headings, then the rest of the body. Each region has its own features, so
 * training can weigh them apart. Boilerplate (header labels, signature, 抄送 and 附件 lines, page
 * furniture) is blanked out.
 * WARNING: the header's 主题分类 is never read; nor are 索引号 and dates.
 */
import type { ParsedNotice, Section } from '../notice/types';
import { docNumberPrefix, issuerPattern, termMatches, type CompiledLexicon } from './lexicon';

export interface FeaturiserSettings {
  /** The feature scheme; 2 = regions apart, maximal term matching. */
  readonly scheme: number;
  /** Character n-gram lengths over runs of Chinese characters. */
  readonly ngramMin: number;
  readonly ngramMax: number;
  /**
   * n-grams of the title's subject (`tg:`) and of the body (`g:`): words the prior does not know.
   * Off in the shipped model (measured: on real notices they add nothing to the prior's terms and
   * slow training); a model may turn them on.
   */
  readonly titleNgrams: boolean;
  readonly bodyNgrams: boolean;
  /** Characters of the body's opening read as its lead, with the section headings. */
  readonly leadChars: number;
  /** Long notices are cut here: the opening carries the topic and this bounds the time per notice. */
  readonly maxBodyChars: number;
}

export const FEATURE_SCHEME = 2;

export const DEFAULT_SETTINGS: FeaturiserSettings = {
  scheme: FEATURE_SCHEME,
  ngramMin: 2,
  ngramMax: 3,
  titleNgrams: false,
  bodyNgrams: false,
  leadChars: 400,
  maxBodyChars: 6000,
};

/** A piece of the notice the featuriser read, kept so evidence can point back into the text. */
export interface Region {
  readonly kind: 'title' | 'lead' | 'body';
  /** Boilerplate inside it is blanked with spaces, so it stays index-aligned with the text. */
  readonly text: string;
  /**
   * Where `text[i]` stands in parsed.text: `start + i` for a region cut from the text in one piece
   * (offsets null), else `offsets[i]` (-1 for a character that is not in the text); both -1 / null
   * for a region that is not in the text verbatim.
   */
  readonly start: number;
  readonly offsets: readonly number[] | null;
}

/** Where character `i` of a region stands in the notice's text, or -1. */
export function regionPosition(region: Region, i: number): number {
  if (region.offsets) return region.offsets[i] ?? -1;
  return region.start < 0 ? -1 : region.start + i;
}

export interface Features {
  /**
   * Feature name → value. Names: `t:` / `l:` / `p:` a prior term in the title, lead or body;
   * `tg:` / `g:` an n-gram of the title or body; `i:` issuer pattern; `n:` 发文字号 code; `r:`
   * rule; `b:` bias.
   */
  readonly values: Map<string, number>;
  readonly regions: readonly Region[];
}

export const BIAS_FEATURE = 'b:';
/** The prefix of a 发文字号 code's feature: `n:财税`. */
export const DOC_NUMBER_FEATURE = 'n:';

/** The feature prefix of a prior term in each region. */
export const TERM_PREFIX = { title: 't:', lead: 'l:', body: 'p:' } as const;

/**
 * The feature prefix of a level-1 keyword's class (see prior/level1.json): `kt:科技、教育` in the
 * title, `kb:科技、教育` in the body. One feature per class, not per word: the list says which
 * class a word points at, the data says how much that is worth in each region.
 */
export const LEVEL1_PREFIX = { title: 'kt:', body: 'kb:' } as const;

const HAN_RUN = /\p{Script=Han}+/gu;
/**
 * Header fields that must never reach the classifier, even when the parser missed the header: the
 * label with its value, on the same line (gov.cn's tab-separated table) or on the next (Shanghai's).
 */
const HEADER_FIELD =
  /(主题分类|主题词|索引号|成文日期|发布日期|生效日期|失效日期|发文日期)[ \t\u3000]*[:：][ \t\u3000]*(?:\r?\n)?[^\t\r\n]*/gu;
/** Distribution lines at the foot of a notice: who gets copies (抄送：…), who printed it (…印发). */
const DISTRIBUTION_LINE =
  /^[ \t\u3000]*(抄送|抄报|分送)[ \t\u3000]*[:：][^\n]*$|^[^\n]{0,40}印发[ \t\u3000]*$/gmu;
/** Where the subject starts: after the issuer's name and 关于 (国务院办公厅关于…). */
const ABOUT = /关于/u;
/** How far into a title 关于 may stand and still end the issuer's name. */
const ISSUER_SPAN = 60;
/** The genre (文种) ending a title, and what a forwarding title wraps around its subject. */
const GENRE_ENDING =
  /(的)?(通知|意见|决定|批复|复函|函|报告|请示|公告|通告|通报|答复|命令|令|决议|议案|纪要)[\s]*$/u;
const FORWARDING = /^[\s]*(印发|转发|公布|发布|颁布)?[\s]*《?/u;

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** The title's subject: the text after the issuer and 关于, without the genre ending. */
export function titleSubject(title: string): string {
  let text = title;
  const about = ABOUT.exec(text);
  if (about && about.index <= ISSUER_SPAN) {
    text = blank(text.slice(0, about.index + about[0].length)) + text.slice(about.index + 2);
  }
  const ending = GENRE_ENDING.exec(text);
  if (ending && ending.index > 0) text = text.slice(0, ending.index) + blank(ending[0]);
  const lead = FORWARDING.exec(text.trimStart());
  if (lead && lead[0].trim() !== '') {
    const at = text.length - text.trimStart().length;
    text = text.slice(0, at) + blank(lead[0]) + text.slice(at + lead[0].length);
  }
  return text.replace(/[《》]/g, ' ');
}

/** Offsets of `shown` (whitespace aside) inside `verbatim` starting at `start`, or null. */
function alignedOffsets(shown: string, verbatim: string, start: number): number[] | null {
  const offsets: number[] = [];
  let j = 0;
  for (let i = 0; i < shown.length; i++) {
    const ch = shown[i] ?? '';
    if (/\s/u.test(ch)) {
      offsets.push(-1);
      continue;
    }
    while (j < verbatim.length && /\s/u.test(verbatim[j] ?? '')) j++;
    if (verbatim[j] !== ch) return null;
    offsets.push(start + j);
    j++;
  }
  return offsets;
}

function flatten(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

function range(start: number, length: number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = start + i;
  return out;
}

/** Blanks header fields the parser left in the body, and the distribution lines at its foot. */
export function blankFieldLines(body: string): string {
  return body.replace(HEADER_FIELD, blank).replace(DISTRIBUTION_LINE, blank);
}

/** The body between the header and its end, with boilerplate blanked, cut at maxBodyChars. */
function bodyText(
  parsed: ParsedNotice,
  settings: FeaturiserSettings,
): { text: string; start: number } {
  const headerEnd = parsed.header ? parsed.header.span.end : 0;
  const start = Math.max(parsed.body.start, headerEnd);
  const end = Math.min(parsed.body.end, start + settings.maxBodyChars);
  if (end <= start) return { text: '', start };
  // Built from slices, blanks between them: a per-character array of the body costs more than
  // reading the whole notice's terms.
  const cleared = [
    // The addressee stays: 各省、自治区、直辖市财政厅 says whom the notice is for, which is evidence.
    parsed.title?.span,
    parsed.signature?.span,
    ...parsed.attachments.map((a) => a.span),
    ...parsed.furniture.map((f) => f.span),
  ]
    .flatMap((span) => (span ? [span] : []))
    .sort((a, b) => a.start - b.start);
  let kept = '';
  let at = start;
  for (const span of cleared) {
    const from = Math.max(span.start, at);
    const to = Math.min(span.end, end);
    if (to <= from) continue;
    kept += parsed.text.slice(at, from) + blank(parsed.text.slice(from, to));
    at = to;
  }
  kept += parsed.text.slice(at, end);
  return { text: blankFieldLines(kept), start };
}

/** The regions read from a notice: the title's subject, the lead, the body. */
export function noticeRegions(parsed: ParsedNotice, settings: FeaturiserSettings): Region[] {
  const regions: Region[] = [];
  if (parsed.title) {
    const subject = titleSubject(parsed.title.text);
    const verbatim = parsed.text.slice(parsed.title.span.start, parsed.title.span.end);
    const offsets = alignedOffsets(parsed.title.text, verbatim, parsed.title.span.start);
    regions.push({ kind: 'title', text: subject, start: offsets ? 0 : -1, offsets });
  }
  const body = bodyText(parsed, settings);
  if (body.text.trim() !== '') {
    const opening = body.text.slice(0, settings.leadChars);
    const headerEnd = parsed.header ? parsed.header.span.end : 0;
    const headings = flatten(parsed.sections).filter(
      (s) => s.headingSpan.start >= Math.max(headerEnd, body.start + opening.length),
    );
    const leadText = [opening, ...headings.map((s) => s.heading)].join('\n');
    const leadOffsets = [
      ...range(body.start, opening.length),
      ...headings.flatMap((s) => [-1, ...headingOffsets(parsed, s)]),
    ];
    regions.push({ kind: 'lead', text: leadText, start: 0, offsets: leadOffsets });
    regions.push({ kind: 'body', text: body.text, start: body.start, offsets: null });
  }
  return regions;
}

/** Where each character of a section's heading stands in the text. */
function headingOffsets(parsed: ParsedNotice, s: Section): number[] {
  const verbatim = parsed.text.slice(s.headingSpan.start, s.headingSpan.end);
  const at = verbatim.indexOf(s.heading);
  return at >= 0
    ? range(s.headingSpan.start + at, s.heading.length)
    : new Array<number>(s.heading.length).fill(-1);
}

function count(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Counts of n-grams over the runs of Chinese characters of `text`. */
function ngramCounts(
  text: string,
  settings: FeaturiserSettings,
  prefix: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of text.match(HAN_RUN) ?? []) {
    for (let n = settings.ngramMin; n <= settings.ngramMax; n++) {
      for (let i = 0; i + n <= run.length; i++) count(counts, prefix + run.slice(i, i + n));
    }
  }
  return counts;
}

/** How often the level-1 keywords of each class occur in `text`, by class. */
function level1Counts(text: string, lexicon: CompiledLexicon, prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!lexicon.level1) return counts;
  for (const m of termMatches(text, lexicon.level1.lexicon)) {
    const label1 = lexicon.level1.classOf.get(m.term);
    if (label1 !== undefined) count(counts, featureName(prefix, label1));
  }
  return counts;
}

/**
 * Feature names by prefix and term, made once: a notice matches hundreds of terms, and a fresh
 * concatenation for each would be hashed afresh in every map it enters. Bounded by the lexicons'
 * words times the few prefixes.
 */
const featureNames = new Map<string, Map<string, string>>();

function featureName(prefix: string, term: string): string {
  let names = featureNames.get(prefix);
  if (!names) {
    names = new Map();
    featureNames.set(prefix, names);
  }
  let name = names.get(term);
  if (name === undefined) {
    name = prefix + term;
    names.set(term, name);
  }
  return name;
}

function prefixedTermCounts(
  text: string,
  lexicon: CompiledLexicon,
  prefix: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of termMatches(text, lexicon)) count(counts, featureName(prefix, m.term));
  return counts;
}

/**
 * Adds sublinear, length-normalised counts: each region weighs at most about 1 in the logits
 * however long it is, so a long body cannot drown the title.
 */
function addNormalised(
  into: Map<string, number>,
  counts: Map<string, number>,
  minNorm: number,
): void {
  let norm = 0;
  for (const c of counts.values()) {
    const v = 1 + Math.log(c);
    norm += v * v;
  }
  norm = Math.max(Math.sqrt(norm), minNorm);
  for (const [key, c] of counts) count(into, key, (1 + Math.log(c)) / norm);
}

/** The title's subject when the notice has a title, else the body's first 80 characters. */
export function ruleText(regions: readonly Region[]): string {
  const title = regions.find((r) => r.kind === 'title');
  if (title) return title.text;
  return (regions.find((r) => r.kind === 'body')?.text ?? '').slice(0, 80);
}

export function featurise(
  parsed: ParsedNotice,
  settings: FeaturiserSettings,
  lexicon: CompiledLexicon,
): Features {
  const regions = noticeRegions(parsed, settings);
  const values = new Map<string, number>();
  values.set(BIAS_FEATURE, 1);
  for (const region of regions) {
    addNormalised(values, prefixedTermCounts(region.text, lexicon, TERM_PREFIX[region.kind]), 1);
    if (region.kind !== 'lead') {
      addNormalised(values, level1Counts(region.text, lexicon, LEVEL1_PREFIX[region.kind]), 1);
    }
    if (region.kind === 'title' && settings.titleNgrams) {
      addNormalised(values, ngramCounts(region.text, settings, 'tg:'), 1);
    }
    if (region.kind === 'body' && settings.bodyNgrams) {
      addNormalised(values, ngramCounts(region.text, settings, 'g:'), 1);
    }
  }
  const issuer = parsed.issuer?.text ?? '';
  const pattern = issuer === '' ? null : issuerPattern(issuer, lexicon);
  if (pattern !== null) values.set(`i:${pattern}`, 1);
  // The 发文字号's code names the issuing office, often down to its department (财税 for tax policy).
  const code = parsed.docNumber ? docNumberPrefix(parsed.docNumber.normalised, lexicon) : null;
  if (code !== null) values.set(`${DOC_NUMBER_FEATURE}${code}`, 1);
  const title = ruleText(regions);
  const body = regions.find((r) => r.kind === 'body')?.text ?? '';
  for (const rule of lexicon.rules) {
    if (rule.title.test(title) && (rule.body === null || rule.body.test(body))) {
      values.set(`r:${rule.id}`, 1);
    }
  }
  return { values, regions };
}

/** Features of a stretch of text on its own (a section), read as body, for section evidence. */
export function featuriseText(
  text: string,
  settings: FeaturiserSettings,
  lexicon: CompiledLexicon,
): Map<string, number> {
  const values = new Map<string, number>();
  addNormalised(values, prefixedTermCounts(text, lexicon, TERM_PREFIX.body), 1);
  if (settings.bodyNgrams) addNormalised(values, ngramCounts(text, settings, 'g:'), 1);
  return values;
}
