/**
 * Test-only encoders for GB18030 (two-byte range, i.e. GBK) and Big5. Node ships the decoders but no
 * encoders, so the two-byte code space is decoded once and inverted; deterministic, no dependency.
 */
const tables = new Map<string, Map<string, readonly [number, number]>>();

function twoByteTable(encoding: 'gb18030' | 'big5'): Map<string, readonly [number, number]> {
  const cached = tables.get(encoding);
  if (cached) return cached;
  const decoder = new TextDecoder(encoding, { fatal: true });
  const table = new Map<string, readonly [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let char: string;
      try {
        char = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  tables.set(encoding, table);
  return table;
}

export function encodeLegacy(text: string, encoding: 'gb18030' | 'big5'): Uint8Array {
  const table = twoByteTable(encoding);
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = table.get(char);
    if (!pair) throw new Error(`${encoding} cannot encode ${char}`);
    bytes.push(pair[0], pair[1]);
  }
  return Uint8Array.from(bytes);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = bom ? '\uFEFF' + text : text;
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    const [first, second] = order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff];
    out[i * 2] = first;
    out[i * 2 + 1] = second;
  }
  return out;
}
