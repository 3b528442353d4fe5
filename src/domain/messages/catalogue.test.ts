/**
 * The catalogue is complete: every key in both languages with the same placeholders, and every
 * message code that the domain, the store, the adapters or the workers create is in it. A key
 * missing in either language, or a new message('code') without its words, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES, translate } from './catalogue';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every code written as message('code', …) in the app's sources. */
function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles(src)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bmessage\(\s*'(\w+)'/g)) {
      codes.set(m[1] ?? '', path.relative(src, file));
    }
  }
  return codes;
}

describe('the catalogue', () => {
  const { zh, en } = DICTIONARIES;

  it('has every key in both languages, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, zhText] of Object.entries(zh)) {
      const enText = (en as Readonly<Record<string, string>>)[key] ?? '';
      expect(zhText.trim(), key).not.toBe('');
      expect(enText.trim(), key).not.toBe('');
      expect(placeholders(enText), key).toEqual(placeholders(zhText));
    }
  });

  it('words every message code the code below the UI can create', () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThan(50);
    const missing = [...codes].filter(([code]) => !Object.hasOwn(zh, code));
    expect(missing).toEqual([]);
  });

  it('words a message with its values, a message inside a message included', () => {
    const inner = { code: 'fileEmpty', params: { file: 'a.txt' } };
    const outer = { code: 'modelImportFailed', params: { file: 'm.json', detail: inner } };
    expect(translate('zh', outer)).toBe('无法导入“m.json”：文件“a.txt”是空的，没有可读取的内容');
    expect(translate('en', outer)).toBe(
      'Could not import “m.json”: The file “a.txt” is empty: there is nothing to read',
    );
  });
});
