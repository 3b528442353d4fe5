/** What a paste must be before it becomes a notice on the desk. */
import { MAX_NOTICE_BYTES } from './decode';

export type PasteCheck =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** A paste of more characters than this is not one notice (it would be 5 MB in UTF-8 at least). */
export const MAX_PASTE_CHARS = MAX_NOTICE_BYTES / 3;

export function checkPaste(text: string): PasteCheck {
  if (text.trim() === '') {
    return { ok: false, reason: '粘贴内容为空：请先粘贴公文全文，再点“添加”。' };
  }
  if (text.length > MAX_PASTE_CHARS) {
    return {
      ok: false,
      reason: `粘贴内容过长（${text.length.toLocaleString('zh-CN')} 字）：单篇公文不超过 ${MAX_PASTE_CHARS.toLocaleString('zh-CN')} 字，请分篇粘贴或上传文件。`,
    };
  }
  return { ok: true, text };
}
