/**
 * looksMisdecoded on the ways a notice gets garbled. The fixtures are one notice in UTF-8 and in
 * GBK, and a traditional one in Big5 (bytes made once with test-support/legacy-encode.ts); each test
 * reads them with the wrong decoder, as a browser or an editor would, without fatal errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { looksMisdecoded } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));
const bytes = (name: string): Uint8Array => readFileSync(path.join(here, 'fixtures', name));
const read = (name: string, encoding: string): string =>
  new TextDecoder(encoding).decode(bytes(name));

const UTF8 = 'notice.utf8.txt';
const GBK = 'notice.gbk.txt';
const BIG5 = 'notice-traditional.big5.txt';

describe('looksMisdecoded', () => {
  it('passes each fixture read with its own encoding, and the real notices of the repo', () => {
    expect(looksMisdecoded(read(UTF8, 'utf-8'))).toBeNull();
    expect(looksMisdecoded(read(GBK, 'gbk'))).toBeNull();
    expect(looksMisdecoded(read(BIG5, 'big5'))).toBeNull();
    const notices = path.join(here, '../notice/fixtures');
    for (const name of ['shanghai-format-notice.txt', 'govcn-format-notice.txt']) {
      expect(looksMisdecoded(readFileSync(path.join(notices, name), 'utf8'))).toBeNull();
    }
  });

  it('GBK read as UTF-8: replacement characters, with where the first stands', () => {
    const text = read(GBK, 'utf-8');
    const found = looksMisdecoded(text);
    expect(found).toMatchObject({ reason: 'replacement', at: text.indexOf('\uFFFD') });
    expect(found?.excerpt).toContain('\uFFFD');
  });

  it('锟斤拷: GBK read as UTF-8, saved as UTF-8, read as GBK again', () => {
    const once = read(GBK, 'utf-8');
    const twice = new TextDecoder('gbk').decode(new TextEncoder().encode(once));
    expect(twice).toContain('锟斤拷');
    expect(looksMisdecoded(twice)?.reason).toBe('mojibake');
  });

  it('UTF-8 read as Windows-1252 (Latin-1)', () => {
    const text = read(UTF8, 'windows-1252');
    expect(text.startsWith('å')).toBe(true);
    expect(looksMisdecoded(text)).toMatchObject({ reason: 'utf8-as-latin1', at: 0 });
  });

  it('Big5 read as GBK, and GBK read as Big5: characters of the private-use area', () => {
    expect(looksMisdecoded(read(BIG5, 'gbk'))?.reason).toBe('private-use');
    expect(looksMisdecoded(read(GBK, 'big5'))?.reason).toMatch(/^(private-use|replacement)$/u);
  });

  it('the same with what could not be shown dropped: an unlikely mix of characters remains', () => {
    const dropped = (s: string): string => s.replace(/[\ue000-\uf8ff\ufffd]/gu, '');
    expect(looksMisdecoded(dropped(read(BIG5, 'gbk')))?.reason).toBe('unlikely-characters');
    // UTF-8 read as GBK: kana and bopomofo between rare characters (鍏ㄥ姏).
    expect(looksMisdecoded(dropped(read(UTF8, 'gbk')))?.reason).toBe('unlikely-characters');
  });

  it('leaves alone a symbol-font bullet, a foreign name and a short line of rare characters', () => {
    const notice = read(UTF8, 'utf-8');
    expect(looksMisdecoded(`\uF06C ${notice}`)).toBeNull();
    expect(looksMisdecoded(`${notice}\r\n参会外宾：Ægir Müller、José Pérez。`)).toBeNull();
    expect(looksMisdecoded('龘靐齉爩')).toBeNull();
    expect(looksMisdecoded('')).toBeNull();
  });
});
