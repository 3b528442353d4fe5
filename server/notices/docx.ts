/**
 * A Word (.docx) notice as text, with mammoth's Node build. The desk's reader (src/lib/docx.ts) is a
 * browser adapter the server may not import; both follow the domain's rules for what a .docx must be
 * (src/domain/intake/docx.ts), so the same file is refused with the same message.
 */
import mammoth from 'mammoth';
import { docxCorrupt, docxRawToText, refuseDocx, type DocxRefusal } from '../../src/domain/intake';

export async function readDocx(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ readonly ok: true; readonly text: string } | DocxRefusal> {
  const refused = refuseDocx(bytes, fileName);
  if (refused) return refused;
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch {
    return docxCorrupt(fileName);
  }
  return docxRawToText(raw, fileName);
}
