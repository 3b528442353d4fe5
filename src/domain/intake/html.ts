/**
 * Plain text from an HTML page (a notice saved from a disclosure site), without a DOM.
 * One left-to-right pass with bounded look-ahead, so hostile input cannot make it slow; no regex
 * runs over the page. Only text survives: tags, attributes (onerror=, javascript: links) and the
 * content of script-like elements are dropped, so nothing in the output can execute.
 */

/** Elements whose whole content is dropped (code, styling, embedded documents, page metadata). */
const DROPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select',
  'button',
]);

/** Elements that start and end a line of text. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

const NAMED_ENTITIES = new Map<string, string>([
  ['nbsp', ' '],
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
  ['ensp', ' '],
  ['emsp', ' '],
  ['thinsp', ' '],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['laquo', '«'],
  ['raquo', '»'],
  ['mdash', '—'],
  ['ndash', '–'],
  ['hellip', '…'],
  ['middot', '·'],
  ['bull', '•'],
  ['times', '×'],
  ['divide', '÷'],
  ['plusmn', '±'],
  ['deg', '°'],
  ['sect', '§'],
  ['para', '¶'],
  ['copy', '©'],
  ['reg', '®'],
  ['trade', '™'],
  ['yen', '¥'],
  ['cent', '¢'],
  ['pound', '£'],
  ['euro', '€'],
  ['permil', '‰'],
  ['larr', '←'],
  ['rarr', '→'],
  ['uarr', '↑'],
  ['darr', '↓'],
]);

/** The entities browsers accept without the closing `;` (old pages write `&nbsp` bare). */
const BARE_ENTITIES = new Set(['nbsp', 'lt', 'gt', 'amp', 'quot', 'copy', 'reg']);

/** Longest entity name considered: bounds the look-ahead after `&`. */
const MAX_ENTITY_LENGTH = 32;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiLetter(code) || (code >= 48 && code <= 57);
}

function isHtmlSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';
}

/** ASCII-only lower-casing: String#toLowerCase can change a string's length, which would break offsets. */
function asciiLower(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : s.charAt(i);
  }
  return out;
}

interface Entity {
  readonly text: string;
  /** Index just past the entity. */
  readonly end: number;
}

/** Reads a character reference at `at` (which holds `&`); null when it is a literal ampersand. */
function readEntity(html: string, at: number): Entity | null {
  let i = at + 1;
  if (html.charAt(i) === '#') {
    i++;
    const hex = html.charAt(i) === 'x' || html.charAt(i) === 'X';
    if (hex) i++;
    const start = i;
    while (i < html.length && i - start < 8) {
      const c = html.charCodeAt(i);
      const digit = c >= 48 && c <= 57;
      const hexLetter = (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
      if (!(digit || (hex && hexLetter))) break;
      i++;
    }
    if (i === start) return null;
    const code = Number.parseInt(html.slice(start, i), hex ? 16 : 10);
    const end = html.charAt(i) === ';' ? i + 1 : i;
    // NUL, surrogates and out-of-range references stand for no character; drop them.
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return { text: valid ? String.fromCodePoint(code) : '', end };
  }
  const start = i;
  while (
    i < html.length &&
    i - start < MAX_ENTITY_LENGTH &&
    isAsciiAlphanumeric(html.charCodeAt(i))
  )
    i++;
  const name = html.slice(start, i);
  const text = NAMED_ENTITIES.get(name);
  if (text !== undefined && html.charAt(i) === ';') return { text, end: i + 1 };
  // Without `;`, browsers take the longest legacy entity the name starts with (`&nbspB` is ` B`).
  for (const bare of BARE_ENTITIES) {
    const bareText = NAMED_ENTITIES.get(bare);
    if (name.startsWith(bare) && bareText !== undefined)
      return { text: bareText, end: start + bare.length };
  }
  return null;
}

/** Index just past the `>` that ends the tag whose attributes start at `from`; quoted values may hold `>`. */
function skipAttributes(html: string, from: number): number {
  let i = from;
  while (i < html.length) {
    const char = html.charAt(i);
    if (char === '>') return i + 1;
    if (char === '=') {
      i++;
      while (i < html.length && isHtmlSpace(html.charAt(i))) i++;
      const quote = html.charAt(i);
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close === -1) return html.length;
        i = close + 1;
        continue;
      }
      continue;
    }
    i++;
  }
  return html.length;
}

/**
 * Index of the `<` of the first `</name` (or, for `head`, of a `<body` that ends an unclosed head)
 * at or after `from`; -1 when there is none.
 */
function findClosingTag(html: string, from: number, name: string): number {
  let i = html.indexOf('<', from);
  while (i !== -1) {
    const closing = html.charAt(i + 1) === '/';
    const nameStart = closing ? i + 2 : i + 1;
    const wanted = closing ? name : name === 'head' ? 'body' : null;
    if (
      wanted !== null &&
      asciiLower(html.slice(nameStart, nameStart + wanted.length)) === wanted
    ) {
      const after = html.charCodeAt(nameStart + wanted.length);
      if (Number.isNaN(after) || !isAsciiAlphanumeric(after)) return i;
    }
    i = html.indexOf('<', i + 1);
  }
  return -1;
}

/** Collects text as lines of tab-separated cells. */
class TextSink {
  private readonly lines: string[] = [];
  private line = '';
  private pendingSpace = false;
  private cellsInRow = 0;

  text(chunk: string, preformatted: boolean): void {
    for (const char of chunk) {
      if (preformatted && (char === '\n' || char === '\r')) {
        if (char === '\n') this.newline();
        continue;
      }
      if (isHtmlSpace(char) || char === '\u00a0') {
        this.pendingSpace = true;
        continue;
      }
      if (this.pendingSpace && this.line !== '' && !this.line.endsWith('\t')) this.line += ' ';
      this.pendingSpace = false;
      this.line += char;
    }
  }

  newline(): void {
    this.lines.push(this.line);
    this.line = '';
    this.pendingSpace = false;
  }

  row(): void {
    this.newline();
    this.cellsInRow = 0;
  }

  /** A table cell: cells of one row are separated by a TAB, as a copy from the browser gives them. */
  cell(): void {
    if (this.cellsInRow > 0) this.line += '\t';
    this.cellsInRow++;
    this.pendingSpace = false;
  }

  finish(): string {
    this.newline();
    return this.lines
      .map((l) => l.replace(/^[\t ]+|[\t ]+$/g, ''))
      .filter((l) => l !== '')
      .join('\n');
  }
}

/**
 * The readable text of an HTML page: one line per block element, table cells of a row joined by TAB
 * (gov.cn metadata tables come out as `索引号：\t000014349/2019-00005\t主题分类：\t科技、教育\教育`),
 * entities decoded, runs of spaces collapsed, blank lines removed. Never throws.
 */
export function htmlToText(html: string): string {
  const sink = new TextSink();
  let preDepth = 0;
  let textStart = 0;
  let i = 0;

  const flushText = (end: number): void => {
    let j = textStart;
    while (j < end) {
      const amp = html.indexOf('&', j);
      const stop = amp === -1 || amp >= end ? end : amp;
      sink.text(html.slice(j, stop), preDepth > 0);
      if (stop === end) break;
      const entity = readEntity(html, stop);
      if (entity === null || entity.end > end) {
        sink.text('&', preDepth > 0);
        j = stop + 1;
      } else {
        sink.text(entity.text, preDepth > 0);
        j = entity.end;
      }
    }
  };

  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html.charAt(lt + 1);
    if (next === '!' && html.startsWith('--', lt + 2)) {
      flushText(lt);
      const close = html.indexOf('-->', lt + 4);
      i = close === -1 ? html.length : close + 3;
      textStart = i;
      continue;
    }
    if (next === '!' || next === '?') {
      flushText(lt);
      const close = html.indexOf('>', lt + 2);
      i = close === -1 ? html.length : close + 1;
      textStart = i;
      continue;
    }
    const closing = next === '/';
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      // A `<` that opens no tag (`a < b`, `<3`) is text.
      i = lt + 1;
      continue;
    }
    flushText(lt);
    let nameEnd = nameStart;
    while (nameEnd < html.length) {
      const c = html.charCodeAt(nameEnd);
      if (!(isAsciiAlphanumeric(c) || c === 45 /* - */ || c === 58) /* : */) break;
      nameEnd++;
    }
    const name = asciiLower(html.slice(nameStart, nameEnd));
    i = skipAttributes(html, nameEnd);
    textStart = i;

    if (!closing && DROPPED_ELEMENTS.has(name)) {
      const close = findClosingTag(html, i, name);
      if (close === -1) {
        i = html.length;
      } else if (html.charAt(close + 1) === '/') {
        i = skipAttributes(html, close + 2 + name.length);
      } else {
        i = close; // an unclosed <head> ends where <body> starts
      }
      textStart = i;
      continue;
    }
    if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    if (name === 'tr') sink.row();
    else if (name === 'td' || name === 'th') {
      if (!closing) sink.cell();
    } else if (BLOCK_ELEMENTS.has(name)) sink.newline();
  }
  flushText(html.length);
  return sink.finish();
}
