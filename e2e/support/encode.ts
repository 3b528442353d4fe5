/**
 * Builds the byte-level inputs the upload tests need. Node ships GB18030/Big5 decoders but no encoders,
 * so the encoder searches the two-byte code space once with the decoder and caches the table: slow to build
 * (~20k decodes), deterministic, and needs no extra dependency.
 */
import { makeDocx as docxOf } from '../../src/domain/intake/test-support/docx';
import { encodeLegacy as encodeBytes } from '../../src/domain/intake/test-support/legacy-encode';

export function encodeLegacy(text: string, encoding: 'gb18030' | 'big5'): Buffer {
  return Buffer.from(encodeBytes(text, encoding));
}

export function encodeUtf16LeWithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** A minimal valid .docx (one paragraph per line). */
export async function makeDocx(text: string): Promise<Buffer> {
  return Buffer.from(await docxOf(text.split('\n')));
}

/** The magic bytes of an OLE compound file: what Word writes for an encrypted (password-protected) .docx. */
export function oleCompoundFile(): Buffer {
  const header = Buffer.alloc(4096, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  Buffer.from('EncryptionInfo', 'utf16le').copy(header, 1024);
  return header;
}
