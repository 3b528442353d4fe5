import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractDocxText } from './docx';
import { makeDocx } from '../domain/intake/test-support/docx';

function ole(withEncryptionInfo: boolean): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (withEncryptionInfo) {
    bytes.set(
      [...'EncryptionInfo'].flatMap((c) => [c.charCodeAt(0), 0]),
      1024,
    );
  }
  return bytes;
}

const PARAGRAPHS = [
  '上海市崇明区民政局关于印发《2020年崇明民政工作要点》的通知',
  '局机关各科室、局属各事业单位：',
  '现将《2020年崇明民政工作要点》印发给你们，请认真贯彻落实。',
  '一、聚焦民生保障 <重点> & 难点',
];

describe('extractDocxText', () => {
  it('reads a real .docx as one line per paragraph, from a Uint8Array or an ArrayBuffer', async () => {
    const bytes = await makeDocx(PARAGRAPHS);
    expect(extractDocxText(bytes, '通知.docx')).toEqual({
      ok: true,
      kind: 'docx',
      text: PARAGRAPHS.join('\n'),
    });
    const arrayBuffer = bytes.slice().buffer;
    expect(extractDocxText(arrayBuffer, '通知.docx')).toMatchObject({ ok: true });
  });

  it('reads a .docx held in a view inside a larger buffer', async () => {
    const bytes = await makeDocx(PARAGRAPHS);
    const padded = new Uint8Array(bytes.length + 20);
    padded.set(bytes, 10);
    const view = padded.subarray(10, 10 + bytes.length);
    expect(extractDocxText(view, 'a.docx')).toMatchObject({ ok: true });
  });

  it('says a password-protected document is protected', async () => {
    expect(extractDocxText(ole(true), '加密.docx')).toEqual({
      ok: false,
      code: 'docx-encrypted',
      reason: { code: 'docxEncrypted', params: { file: '加密.docx' } },
    });
  });

  it('tells an old Word .doc renamed to .docx apart from an encrypted one', async () => {
    const result = extractDocxText(ole(false), '旧版.docx');
    expect(result).toMatchObject({ ok: false, code: 'doc-legacy' });
    expect(!result.ok && result.reason).toEqual({
      code: 'docLegacy',
      params: { file: '旧版.docx' },
    });
  });

  it('says a corrupt document is corrupt: broken zip, non-zip, zip without a Word body', async () => {
    const expected = (name: string) => ({
      ok: false,
      code: 'docx-corrupt',
      reason: { code: 'docxCorrupt', params: { file: name } },
    });
    const broken = new TextEncoder().encode('PK\u0003\u0004 this is not really a zip');
    expect(extractDocxText(broken, '损坏.docx')).toEqual(expected('损坏.docx'));
    const text = new TextEncoder().encode('只是文本');
    expect(extractDocxText(text, '文本.docx')).toEqual(expected('文本.docx'));
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    const otherZip = await zip.generateAsync({ type: 'uint8array' });
    expect(extractDocxText(otherZip, '压缩包.docx')).toEqual(expected('压缩包.docx'));
    const truncated = (await makeDocx(PARAGRAPHS)).subarray(0, 200);
    expect(extractDocxText(truncated, '截断.docx')).toEqual(expected('截断.docx'));
  });

  it('reports an empty file and a document without text', async () => {
    expect(extractDocxText(new Uint8Array(0), '空.docx')).toMatchObject({ code: 'empty' });
    expect(extractDocxText(await makeDocx(['', '  ']), '空白.docx')).toMatchObject({
      ok: false,
      code: 'empty',
    });
  });

  it('rejects a file over the size limit, naming it', async () => {
    const result = extractDocxText(new Uint8Array(21 * 1024 * 1024), '大.docx');
    expect(result).toEqual({
      ok: false,
      code: 'too-large',
      reason: { code: 'docxTooLarge', params: { file: '大.docx', size: '21.0', limit: 20 } },
    });
  });
});
