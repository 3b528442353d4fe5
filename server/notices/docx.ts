/**
 * A Word (.docx) notice as text, with mammoth's Node build. The desk's reader (src/lib/docx.ts) is a
 * browser adapter the server may not import; this one has the same messages for the same failures.
 */
import mammoth from 'mammoth';

export const MAX_DOCX_BYTES = 20 * 1024 * 1024;

export type DocxText =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: a password-protected .docx, or an old .doc. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

export async function readDocx(bytes: Uint8Array, fileName: string): Promise<DocxText> {
  if (bytes.length === 0) return { ok: false, reason: `文档“${fileName}”是空文件` };
  if (bytes.length > MAX_DOCX_BYTES) {
    return {
      ok: false,
      reason: `文档“${fileName}”过大，Word 文档不超过 ${MAX_DOCX_BYTES / (1024 * 1024)} MB`,
    };
  }
  if (startsWith(bytes, OLE)) {
    const encrypted = Buffer.from(bytes).includes(Buffer.from('EncryptionInfo', 'utf16le'));
    return {
      ok: false,
      reason: encrypted
        ? `文档“${fileName}”受密码保护，无法读取`
        : `文档“${fileName}”是旧版 Word（.doc）格式，请在 Word 中另存为 .docx 后重试`,
    };
  }
  const corrupt = { ok: false, reason: `文档“${fileName}”已损坏，无法打开` } as const;
  if (!startsWith(bytes, ZIP)) return corrupt;
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch {
    return corrupt;
  }
  // mammoth separates paragraphs by a blank line; the notice parser expects one per line.
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return text === '' ? { ok: false, reason: `文档“${fileName}”没有文字内容` } : { ok: true, text };
}
