/**
 * The one featuriser: the trainer, eval, the classify CLI and the browser worker all turn a
 * ParsedNotice into features here, with settings read from the model file.
 * WARNING: the header (主题分类, 索引号, dates …) is never read: only the title, section
 * headings, the body outside the header, the issuer name and the knowledge prior's lexicon.
 */
import type { ParsedNotice, Section, Span } from '../notice/types';

export interface FeaturiserSettings {
  /** Character n-gram lengths over runs of Chinese characters. */
  readonly ngramMin: number;
  readonly ngramMax: number;
  /**
   * Also add Intl.Segmenter words of two or more characters, in the title and headings only: the
   * segmenter costs ~2 ms per 1,000 characters and in the body the n-grams carry the same words.
   */
  readonly words: boolean;
  readonly titleWeight: number;
  readonly headingWeight: number;
  readonly bodyWeight: number;
  /** Long notices are cut here: the opening carries the topic and this bounds the time per notice. */
  readonly maxBodyChars: number;
}

export const DEFAULT_SETTINGS: FeaturiserSettings = {
  ngramMin: 2,
  ngramMax: 3,
  words: true,
  titleWeight: 3,
  headingWeight: 2,
  bodyWeight: 1,
  maxBodyChars: 6000,
};

/** The lexicon the featuriser matches: prior terms, issuer patterns, title rules. */
export interface Lexicon {
  readonly terms: readonly string[];
  readonly issuerPatterns: readonly string[];
  readonly rules: readonly {
    readonly id: string;
    readonly titlePattern: string;
    readonly bodyPattern?: string;
    /** A convention that overrides the content: see `Override`. */
    readonly override?: Override;
  }[];
}

/**
 * When the rule fires, `share` of the probability goes to `target` after scoring, whatever the
 * evidence says: `area-other` moves it, within each class, from the named sub-classes to the
 * class's 其他 (so the level-1 ranking is untouched); a path takes it from every other leaf.
 */
export interface Override {
  readonly target: string;
  readonly share: number;
}

/** Compiled once per model: scanning by first two characters keeps term matching linear. */
export interface CompiledLexicon {
  readonly byPrefix: Map<string, string[]>;
  readonly singles: Set<string>;
  readonly issuerPatterns: readonly string[];
  readonly rules: readonly {
    readonly id: string;
    readonly title: RegExp;
    readonly body: RegExp | null;
  }[];
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const byPrefix = new Map<string, string[]>();
  const singles = new Set<string>();
  for (const term of new Set(lexicon.terms)) {
    if (term.length === 1) {
      singles.add(term);
      continue;
    }
    const key = term.slice(0, 2);
    const list = byPrefix.get(key);
    if (list) list.push(term);
    else byPrefix.set(key, [term]);
  }
  const issuerPatterns = [...lexicon.issuerPatterns].sort((a, b) => b.length - a.length);
  const rules = lexicon.rules.map((r) => ({
    id: r.id,
    title: new RegExp(r.titlePattern, 'u'),
    body: r.bodyPattern === undefined ? null : new RegExp(r.bodyPattern, 'u'),
  }));
  return { byPrefix, singles, issuerPatterns, rules };
}

/** A piece of the notice the featuriser read, kept so evidence can point back into the text. */
export interface Region {
  readonly kind: 'title' | 'heading' | 'body';
  readonly text: string;
  /** Where `text` starts in parsed.text (text is a verbatim slice). */
  readonly start: number;
}

export interface Features {
  /** Feature name → value. Names: `g:` n-gram, `w:` word, `p:` prior term, `i:` issuer pattern, `r:` rule, `b:` bias. */
  readonly values: Map<string, number>;
  readonly regions: readonly Region[];
}

export const BIAS_FEATURE = 'b:';

const HAN_RUN = /\p{Script=Han}+/gu;
/**
 * Header fields that must never reach the classifier, even when the parser missed the header: the
 * label with its value, on the same line (gov.cn's tab-separated table) or on the next (Shanghai's).
 */
const HEADER_FIELD =
  /(主题分类|主题词|索引号|成文日期|发布日期|生效日期|失效日期|发文日期)[ \t\u3000]*[:：][ \t\u3000]*(?:\r?\n)?[^\t\r\n]*/gu;

let segmenter: Intl.Segmenter | null = null;
function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike === true && s.segment.length >= 2 && /^\p{Script=Han}+$/u.test(s.segment)) {
      out.push(s.segment);
    }
  }
  return out;
}

function count(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Counts of n-grams and words in one region. */
function textCounts(
  text: string,
  settings: FeaturiserSettings,
  withWords: boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of text.match(HAN_RUN) ?? []) {
    for (let n = settings.ngramMin; n <= settings.ngramMax; n++) {
      for (let i = 0; i + n <= run.length; i++) count(counts, `g:${run.slice(i, i + n)}`);
    }
    if (withWords) for (const w of words(run)) count(counts, `w:${w}`);
  }
  return counts;
}

/** Every occurrence of a prior term in `text` (overlaps allowed). */
export function termCounts(text: string, lexicon: CompiledLexicon): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (lexicon.singles.has(ch)) count(counts, ch);
    const list = lexicon.byPrefix.get(text.slice(i, i + 2));
    if (!list) continue;
    for (const term of list) if (text.startsWith(term, i)) count(counts, term);
  }
  return counts;
}

/** Adds sublinear, length-normalised counts scaled by the region's weight. */
function addNormalised(
  into: Map<string, number>,
  counts: Map<string, number>,
  weight: number,
  prefix: string,
  minNorm: number,
): void {
  let norm = 0;
  for (const c of counts.values()) {
    const v = 1 + Math.log(c);
    norm += v * v;
  }
  norm = Math.max(Math.sqrt(norm), minNorm);
  for (const [key, c] of counts) count(into, prefix + key, (weight * (1 + Math.log(c))) / norm);
}

function flatten(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The regions read from a notice: title, headings, and the body outside the header. */
export function noticeRegions(parsed: ParsedNotice, settings: FeaturiserSettings): Region[] {
  const header = parsed.header?.span ?? null;
  const regions: Region[] = [];
  if (parsed.title && !(header && overlaps(parsed.title.span, header))) {
    regions.push({ kind: 'title', text: parsed.title.text, start: parsed.title.span.start });
  }
  for (const s of flatten(parsed.sections)) {
    if (header && overlaps(s.headingSpan, header)) continue;
    regions.push({ kind: 'heading', text: s.heading, start: s.headingSpan.start });
  }
  let start = parsed.body.start;
  if (header && header.end > start && header.start <= start) start = header.end;
  const end = Math.min(parsed.body.end, start + settings.maxBodyChars);
  if (end > start) {
    const body = parsed.text.slice(start, end).replace(HEADER_FIELD, (m) => ' '.repeat(m.length));
    regions.push({ kind: 'body', text: body, start });
  }
  if (!regions.some((r) => r.kind === 'title') && parsed.title) {
    // A title that only stands in the header (标题: …) is still the notice's title, not a label.
    regions.unshift({ kind: 'title', text: parsed.title.text, start: -1 });
  }
  return regions;
}

function regionWeight(kind: Region['kind'], settings: FeaturiserSettings): number {
  if (kind === 'title') return settings.titleWeight;
  if (kind === 'heading') return settings.headingWeight;
  return settings.bodyWeight;
}

/** The issuer pattern (发文机关) that applies: the longest one contained in the issuer name. */
export function issuerPattern(issuer: string, lexicon: CompiledLexicon): string | null {
  for (const p of lexicon.issuerPatterns) if (p !== '' && issuer.includes(p)) return p;
  return null;
}

export function featurise(
  parsed: ParsedNotice,
  settings: FeaturiserSettings,
  lexicon: CompiledLexicon,
): Features {
  const regions = noticeRegions(parsed, settings);
  const values = new Map<string, number>();
  values.set(BIAS_FEATURE, 1);
  const byKind = { title: '', heading: '', body: '' };
  for (const r of regions) byKind[r.kind] += (byKind[r.kind] === '' ? '' : '\n') + r.text;
  for (const kind of ['title', 'heading', 'body'] as const) {
    const text = byKind[kind];
    if (text === '') continue;
    const w = regionWeight(kind, settings);
    addNormalised(values, textCounts(text, settings, settings.words && kind !== 'body'), w, '', 1);
    addNormalised(values, termCounts(text, lexicon), w, 'p:', 1.5);
  }
  const issuer = parsed.issuer?.text ?? '';
  const pattern = issuer === '' ? null : issuerPattern(issuer, lexicon);
  if (pattern !== null) values.set(`i:${pattern}`, 1);
  const title = byKind.title !== '' ? byKind.title : byKind.body.slice(0, 80);
  for (const rule of lexicon.rules) {
    if (rule.title.test(title) && (rule.body === null || rule.body.test(byKind.body))) {
      values.set(`r:${rule.id}`, 1);
    }
  }
  return { values, regions };
}

/** Features of a stretch of text on its own (a section), for section evidence. */
export function featuriseText(
  text: string,
  settings: FeaturiserSettings,
  lexicon: CompiledLexicon,
): Map<string, number> {
  const values = new Map<string, number>();
  addNormalised(values, textCounts(text, settings, false), 1, '', 1);
  addNormalised(values, termCounts(text, lexicon), 1, 'p:', 1.5);
  return values;
}
