/**
 * A notice's identity on the desk: a hash of its content, so importing the same notice twice
 * (pasted again, re-uploaded with CRLF instead of LF, restored from JSONL) never makes a duplicate.
 */

/** The text as identity sees it: line ends unified, trailing spaces per line and outer blank lines dropped. */
function canonicalText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/**
 * Two independent 32-bit multiplicative hashes over UTF-16 code units, cross-mixed at the end
 * (the cyrb53 construction, kept at 64 bits): 10,000 notices collide with odds near 1 in 10^11.
 */
function hash64(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return hex(h2) + hex(h1);
}

/**
 * The id of a notice: `n-` and 16 hex digits. When the 索引号 (catalogue index number) is known it
 * is part of the identity, so two catalogue entries that share a text (a re-issued notice) stay apart.
 */
export function contentId(text: string, indexNo?: string | null): string {
  const index = indexNo?.trim() ?? '';
  const key = index === '' ? canonicalText(text) : `${index}\u0000${canonicalText(text)}`;
  return `n-${hash64(key)}`;
}
