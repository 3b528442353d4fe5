/**
 * The featuriser's fast paths find what the plain definitions find, on every in-repo notice with
 * the shipped model's lexicon: the queue score depends on nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../notice';
import { noticeRegions } from './featurise';
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

const level1 = model.compiled.level1?.lexicon ?? null;
const level1Words: Lexicon = {
  ...model.lexicon,
  terms: (model.lexicon.level1 ?? []).flatMap((e) => e.keywords),
};

describe('the featuriser on the in-repo notices', () => {
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
