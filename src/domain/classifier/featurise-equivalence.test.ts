/**
 * The featuriser's fast paths find what the plain definitions find, on every in-repo notice with
 * the shipped model's lexicon: the queue score depends on nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../notice';
import type { ParsedNotice } from '../notice/types';
import { blankFieldLines, noticeRegions } from './featurise';
import { termMatches, type Lexicon, type TermMatch } from './lexicon';
import { parseModel } from './model';

const dir = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));
const model = parseModel(
  JSON.parse(readFileSync(dir('../../../public/model/model.json'), 'utf8')) as unknown,
);
const texts = [
  ...readdirSync(dir('../notice/fixtures/')).map((f) => dir(`../notice/fixtures/${f}`)),
  ...readdirSync(dir('../../../eval/composed/notices/'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => dir(`../../../eval/composed/notices/${f}`)),
].map((file) => readFileSync(file, 'utf8'));

/**
 * termMatches as documented, word by word: at each position every word that starts there, longest
 * first; a term ending inside a neutral word matched at or before it does not count.
 */
function plainMatches(text: string, lexicon: Lexicon): TermMatch[] {
  const terms = new Set(lexicon.terms);
  const neutral = new Set(lexicon.neutral.filter((w) => w.length >= 2));
  const words = [...new Set([...lexicon.terms, ...neutral])]
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const byFirst = new Map<string, string[]>();
  for (const w of words) byFirst.set(w.charAt(0), [...(byFirst.get(w.charAt(0)) ?? []), w]);
  const out: TermMatch[] = [];
  let blocked = 0;
  for (let i = 0; i < text.length; i++) {
    const here = (byFirst.get(text.charAt(i)) ?? []).filter((w) => text.startsWith(w, i));
    for (const w of here) if (neutral.has(w)) blocked = Math.max(blocked, i + w.length);
    for (const w of here) {
      if (!terms.has(w) || (i + w.length <= blocked && !neutral.has(w))) continue;
      out.push({ term: w, start: i, end: i + w.length });
    }
  }
  return out;
}

/** The body region as defined: the notice's characters after the header, boilerplate blanked one by one. */
function plainBody(parsed: ParsedNotice): string {
  const headerEnd = parsed.header ? parsed.header.span.end : 0;
  const start = Math.max(parsed.body.start, headerEnd);
  const end = Math.min(parsed.body.end, start + model.settings.maxBodyChars);
  const chars = parsed.text.slice(start, end).split('');
  const spans = [parsed.title?.span, parsed.signature?.span];
  for (const part of [...parsed.attachments, ...parsed.furniture]) spans.push(part.span);
  for (const span of spans) {
    if (!span) continue;
    for (let i = Math.max(span.start, start); i < Math.min(span.end, end); i++) {
      if (chars[i - start] !== '\n') chars[i - start] = ' ';
    }
  }
  return chars.join('');
}

const level1 = model.compiled.level1?.lexicon ?? null;
const level1Words: Lexicon = {
  ...model.lexicon,
  terms: (model.lexicon.level1 ?? []).flatMap((e) => e.keywords),
};

describe('the featuriser on the in-repo notices', () => {
  it(`blanks the same boilerplate in the body as a character-by-character pass (${texts.length} notices)`, () => {
    for (const text of texts) {
      const parsed = parseNotice(text);
      const body = noticeRegions(parsed, model.settings).find((r) => r.kind === 'body');
      const plain = blankFieldLines(plainBody(parsed));
      expect(body?.text ?? '').toBe(plain.trim() === '' ? '' : plain);
    }
  });

  it(`matches the prior's terms as a word-by-word scan does (${texts.length} notices)`, () => {
    expect(texts.length).toBeGreaterThan(150);
    for (const text of texts) {
      for (const region of noticeRegions(parseNotice(text), model.settings)) {
        expect(termMatches(region.text, model.compiled)).toEqual(
          plainMatches(region.text, model.lexicon),
        );
        expect(level1 && termMatches(region.text, level1)).toEqual(
          level1 && plainMatches(region.text, level1Words),
        );
      }
    }
  });
});
