/**
 * Why a file, row or pasted notice was not loaded, in Chinese for the API. The desk's intake code
 * (src/domain) returns a catalogue code with its values, and the desk words it with its catalogue in
 * src/ui, which the server may not import. This map holds only the codes that the intake functions
 * the server calls can return (reasons.test.ts reads them from those modules), in the words of the
 * desk's Chinese catalogue (less the desk's own buttons).
 */
import type { Message } from '../../src/domain/message';

const ZH: ReadonlyMap<string, string> = new Map([
  // src/domain/intake/decode.ts
  ['fileNotNotice', '文件“{file}”的类型不受支持，请上传 .txt、.html 或 .docx 文件'],
  ['fileNotImport', '文件“{file}”的类型不受支持，请导入 .csv 或 .jsonl 文件'],
  ['fileTooLarge', '文件“{file}”过大（{size} MB），单篇公文不超过 {limit} MB'],
  ['importTooLarge', '文件“{file}”过大（{size} MB），导入文件不超过 {limit} MB'],
  ['fileEmpty', '文件“{file}”是空的，没有可读取的内容'],
  ['fileBinary', '文件“{file}”不是文本文件（可能是二进制文件），已跳过'],
  [
    'fileEncoding',
    '文件“{file}”的编码无法识别（不是 UTF-8、GB18030 或 Big5），请另存为 UTF-8 后重试',
  ],
  // src/domain/intake/paste.ts
  ['pasteEmpty', '粘贴内容为空：请先粘贴公文全文。'],
  [
    'pasteTooLong',
    '粘贴内容过长（{length} 字）：单篇公文不超过 {limit} 字，请分篇粘贴或上传文件。',
  ],
  // src/domain/learning/history.ts
  ['jsonlBadJson', '不是有效的 JSON'],
  ['jsonlNotObject', '不是 JSON 对象'],
  ['jsonlNoText', '缺少 text 或 title'],
  ['topicNotOnTaxonomy', '“{raw}”不在主题分类表中'],
  // src/domain/export/cms-csv.ts
  ['csvEmpty', '文件是空的'],
  ['csvMissingLabel', '缺少必需的列：主题分类（第一行应为列名）'],
  ['csvMissingText', '缺少必需的列：标题或正文（第一行应为列名）'],
  ['csvRowNoLabel', '主题分类为空，已跳过'],
  ['csvRowNoText', '标题和正文都为空，已跳过'],
  // src/domain/export/jsonl.ts (the desk's own export)
  ['jsonlNotDesk', '不是公文主题标注台导出的 JSONL 文件（缺少文件头）'],
  ['jsonlBadVersion', '文件头的格式版本无效'],
  [
    'jsonlNewer',
    '该文件由更新版本的标注台导出（格式版本 {version}，当前支持 {supported}），请升级后再导入',
  ],
  ['jsonlBadField', '字段 {field} 缺失或格式不正确'],
  ['jsonlDuplicate', '记录 {id} 重复，已跳过'],
  ['jsonlEmpty', '文件是空的，没有可导入的记录'],
  ['jsonlIncomplete', '文件不完整：文件头记录 {expected} 条，只读到 {read} 条'],
]);

/** The codes worded here, for the test that keeps the map complete. */
export const WORDED_CODES: ReadonlySet<string> = new Set(ZH.keys());

/**
 * A domain message in Chinese, a message among its values worded first. WARNING: a code missing from
 * the map is still answered in Chinese, naming the code, so a client never sees an object or nothing.
 */
export function zhReason(reason: Message): string {
  const template = ZH.get(reason.code);
  if (template === undefined) return `无法读取（原因代码 ${reason.code}）`;
  const values = new Map(
    Object.entries(reason.params ?? {}).map(([name, value]) => [
      name,
      typeof value === 'object' ? zhReason(value) : String(value),
    ]),
  );
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values.get(name) ?? whole);
}
