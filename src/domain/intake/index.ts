/** Intake: notice files and pastes to text, content identity, and a check for mis-decoded text. */
export {
  decodeImportFile,
  decodeNoticeFile,
  extensionOf,
  MAX_IMPORT_BYTES,
  MAX_NOTICE_BYTES,
  type DecodeResult,
  type NoticeEncoding,
} from './decode';
export { htmlToText } from './html';
export { contentId } from './id';
export { checkPaste, MAX_PASTE_CHARS, type PasteCheck } from './paste';
export { looksMisdecoded, type MisdecodeReason, type Misdecoded } from './misdecoded';
export { MAX_DOCX_BYTES, type DocxRefusal, type DocxRefusalCode } from './docx';
