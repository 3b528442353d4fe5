/**
 * The lexicon the featuriser matches in a notice: the knowledge prior's terms, the words that
 * merely contain a term by accident (neutral words), issuer patterns and title rules.
 */

/** A convention that overrides the content when its rule fires: see `Override`. */
export interface LexiconRule {
  readonly id: string;
  /** A few words a clerk reads for the convention (the prior rule's name). */
  readonly name?: string;
  /** Tested on the title's subject (the words after 关于, without the genre ending). */
  readonly titlePattern: string;
  readonly bodyPattern?: string;
  readonly override?: Override;
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

export interface Lexicon {
  readonly terms: readonly string[];
  /**
   * Words inside which no shorter term counts: words that hold a term by accident (人民政府 holds
   * 民政, 行政法规 holds 政法), and terms whose inner words mean something else (机动车 holds 动车).
   * A neutral word that is also a term still counts itself.
   */
  readonly neutral: readonly string[];
  readonly issuerPatterns: readonly string[];
  readonly rules: readonly LexiconRule[];
  /** A clerk's quick list: broad words per top-level class (see prior/level1.json). */
  readonly level1?: readonly Level1Keywords[];
  /** 发文字号 codes' prefixes (see prior/docnumbers.json); absent from older model files. */
  readonly docNumberPrefixes?: readonly string[];
}

export interface Level1Keywords {
  readonly label1: string;
  readonly keywords: readonly string[];
}

export const EMPTY_LEXICON: Lexicon = { terms: [], neutral: [], issuerPatterns: [], rules: [] };

/** Compiled once per model: scanning by first two characters keeps matching linear. */
export interface CompiledLexicon {
  /**
   * The first two characters (pairKey) → the words starting with them (terms and neutral words),
   * split by their third character: at a position only the few sharing it are compared. A number
   * key costs no string per position of the text.
   */
  readonly byPrefix: ReadonlyMap<number, PrefixWords>;
  readonly singles: ReadonlySet<string>;
  readonly neutral: ReadonlySet<string>;
  readonly terms: ReadonlySet<string>;
  /** 1 for each UTF-16 code unit a word starts with: most positions of a text are skipped at once. */
  readonly starts: Uint8Array;
  /** See hasPair: most positions whose first character starts a word start none with the second. */
  readonly pairBits: Uint32Array;
  /** Longest first, so the first that matches is the most specific. */
  readonly issuerPatterns: readonly string[];
  /** Longest first, as issuer patterns. */
  readonly docNumberPrefixes: readonly string[];
  readonly rules: readonly {
    readonly id: string;
    readonly title: RegExp;
    readonly body: RegExp | null;
    readonly override: Override | null;
  }[];
  /** The level-1 keywords, matched as terms are (neutral words block them too), and their class. */
  readonly level1: {
    readonly lexicon: CompiledLexicon;
    readonly classOf: ReadonlyMap<string, string>;
  } | null;
}

/** A word of the lexicon with what it is, so matching asks no set per candidate. */
interface Candidate {
  readonly word: string;
  readonly term: boolean;
  readonly neutral: boolean;
}

/** Words sharing their first two characters; each list longest first, then in code-unit order. */
export interface PrefixWords {
  /** Third character's code unit → the words of three or more characters with it. */
  readonly longer: ReadonlyMap<number, readonly Candidate[]>;
  /** The two-character words (one, unless two pairs share a key). */
  readonly pair: readonly Candidate[];
}

/**
 * Which pairs of first two characters some word starts with, as bits over 11 bits of each code
 * unit: a clear bit skips the map; a set one may be another pair's (the map then says no).
 */
function pairBit(first: number, second: number): number {
  return ((first & 0x7ff) << 11) | (second & 0x7ff);
}

function hasPair(bits: Uint32Array, first: number, second: number): boolean {
  const bit = pairBit(first, second);
  return (((bits[bit >>> 5] ?? 0) >>> (bit & 31)) & 1) === 1;
}

/**
 * A key of the two characters at `i` that stays a small integer (15 bits of each code unit): two
 * pairs may share a key, which costs an extra startsWith, never a wrong match.
 */
function pairKey(text: string, i: number): number {
  const second = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  return ((text.charCodeAt(i) & 0x7fff) << 15) | (second & 0x7fff);
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const prefixed = new Map<number, string[]>();
  const singles = new Set<string>();
  const neutral = new Set(lexicon.neutral.filter((w) => w.length >= 2));
  for (const word of new Set([...lexicon.terms, ...neutral])) {
    if (word.length === 0) continue;
    if (word.length === 1) {
      singles.add(word);
      continue;
    }
    const key = pairKey(word, 0);
    const list = prefixed.get(key);
    if (list) list.push(word);
    else prefixed.set(key, [word]);
  }
  const terms = new Set(lexicon.terms);
  const byPrefix = new Map<number, PrefixWords>();
  for (const [key, list] of prefixed) {
    const longer = new Map<number, Candidate[]>();
    const pair: Candidate[] = [];
    list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    for (const word of list) {
      const candidate = { word, term: terms.has(word), neutral: neutral.has(word) };
      if (word.length === 2) {
        pair.push(candidate);
        continue;
      }
      const third = word.charCodeAt(2);
      const group = longer.get(third);
      if (group) group.push(candidate);
      else longer.set(third, [candidate]);
    }
    byPrefix.set(key, { longer, pair });
  }
  const pairBits = new Uint32Array(1 << 17);
  for (const word of [...terms, ...neutral]) {
    if (word.length < 2) continue;
    const bit = pairBit(word.charCodeAt(0), word.charCodeAt(1));
    pairBits[bit >>> 5] = (pairBits[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }
  const issuerPatterns = longestFirst(lexicon.issuerPatterns);
  const docNumberPrefixes = longestFirst(lexicon.docNumberPrefixes ?? []);
  const rules = lexicon.rules.map((r) => ({
    id: r.id,
    title: new RegExp(r.titlePattern, 'u'),
    body: r.bodyPattern === undefined ? null : new RegExp(r.bodyPattern, 'u'),
    override: r.override ?? null,
  }));
  const starts = new Uint8Array(65536);
  for (const word of [...lexicon.terms, ...neutral])
    if (word.length > 0) starts[word.charCodeAt(0)] = 1;
  const keywords = lexicon.level1 ?? [];
  const classOf = new Map(keywords.flatMap((e) => e.keywords.map((k) => [k, e.label1] as const)));
  return {
    byPrefix,
    singles,
    neutral,
    terms,
    starts,
    pairBits,
    issuerPatterns,
    docNumberPrefixes,
    rules,
    level1:
      classOf.size === 0
        ? null
        : {
            lexicon: compileLexicon({
              ...EMPTY_LEXICON,
              terms: [...classOf.keys()],
              neutral: [...neutral],
            }),
            classOf,
          },
  };
}

/** One occurrence of a term: [start, end) in the text matched. */
export interface TermMatch {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every occurrence of a term in `text`, overlapping ones included (危险化学品 and 化学品 both count:
 * a nested term adds its own evidence), except inside a neutral word: in 人民政府 the term 民政
 * does not count, in 机动车 (a term and a neutral word) 机动车 counts but 动车 does not.
 * WARNING: one pass, in text order; the same text always gives the same matches.
 */
export function termMatches(text: string, lexicon: CompiledLexicon): TermMatch[] {
  const out: TermMatch[] = [];
  // The furthest end of a neutral word matched at this position or before: a term ending there
  // or before lies inside it.
  let blocked = 0;
  for (let i = 0; i < text.length; i++) {
    const first = text.charCodeAt(i);
    if (lexicon.starts[first] !== 1) continue;
    const second = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    const words = hasPair(lexicon.pairBits, first, second)
      ? lexicon.byPrefix.get(pairKey(text, i))
      : undefined;
    if (words) {
      // Only words of three or more characters sharing the third can match besides the pairs;
      // they come first, as all longer words come before the pairs in the one sorted list.
      const longer =
        (i + 2 < text.length ? words.longer.get(text.charCodeAt(i + 2)) : undefined) ?? [];
      blocked = neutralEnd(text, i, words.pair, neutralEnd(text, i, longer, blocked));
      termsAt(text, i, longer, blocked, out);
      termsAt(text, i, words.pair, blocked, out);
    }
    if (lexicon.singles.size > 0) {
      const ch = text[i] ?? '';
      if (lexicon.singles.has(ch) && i + 1 > blocked) out.push({ term: ch, start: i, end: i + 1 });
    }
  }
  return out;
}

/** `blocked`, or the end of the longest neutral word of `candidates` at `i` when further. */
function neutralEnd(
  text: string,
  i: number,
  candidates: readonly Candidate[],
  blocked: number,
): number {
  let end = blocked;
  for (const c of candidates) {
    if (c.neutral && text.startsWith(c.word, i)) end = Math.max(end, i + c.word.length);
  }
  return end;
}

/** Adds the terms of `candidates` at `i` that no neutral word holds, in their order. */
function termsAt(
  text: string,
  i: number,
  candidates: readonly Candidate[],
  blocked: number,
  out: TermMatch[],
): void {
  for (const c of candidates) {
    const end = i + c.word.length;
    if (c.term && (c.neutral || end > blocked) && text.startsWith(c.word, i)) {
      out.push({ term: c.word, start: i, end });
    }
  }
}

/** How often each term occurs (see termMatches). */
export function termCounts(text: string, lexicon: CompiledLexicon): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of termMatches(text, lexicon)) counts.set(m.term, (counts.get(m.term) ?? 0) + 1);
  return counts;
}

/** The issuer pattern (发文机关) that applies: the longest one contained in the issuer name. */
export function issuerPattern(issuer: string, lexicon: CompiledLexicon): string | null {
  for (const p of lexicon.issuerPatterns) if (issuer.includes(p)) return p;
  return null;
}

/**
 * The longest listed prefix of a 发文字号's code (the characters before 〔year〕: 财税 in
 * 财税〔2021〕6号), or null.
 */
export function docNumberPrefix(docNumber: string, lexicon: CompiledLexicon): string | null {
  const code = docNumber.split('〔')[0]?.trim() ?? '';
  if (code === '' || code === docNumber.trim()) return null;
  for (const p of lexicon.docNumberPrefixes) if (code.startsWith(p)) return p;
  return null;
}

/** Distinct non-empty strings, longest first (then in code-unit order). */
function longestFirst(list: readonly string[]): string[] {
  return [...new Set(list)]
    .filter((p) => p !== '')
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}
