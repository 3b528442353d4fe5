/**
 * `npm run --silent parse -- <file>` (or `-` for stdin): prints the ParsedNotice as JSON.
 * Files are decoded as the desk decodes uploads (UTF-8 with or without BOM, UTF-16, GB18030, Big5,
 * saved HTML pages), so what this prints is what the desk sees.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeNoticeFile } from '../src/domain/intake/decode';
import { parseNotice } from '../src/domain/notice/index';

function usage(): never {
  console.error('用法：npm run --silent parse -- <通知文件.txt | ->');
  process.exit(2);
}

const arg = process.argv[2];
if (arg === undefined || process.argv.length > 3) usage();

let bytes: Uint8Array;
try {
  bytes = arg === '-' ? readFileSync(0) : readFileSync(arg);
} catch (error) {
  console.error(`无法读取文件 ${arg}：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const name = arg === '-' ? 'stdin.txt' : path.basename(arg);
const decoded = decodeNoticeFile(bytes, /\.[A-Za-z0-9]+$/.test(name) ? name : `${name}.txt`);
if (!decoded.ok) {
  console.error(decoded.reason);
  process.exit(1);
}
console.log(JSON.stringify(parseNotice(decoded.text), null, 2));
