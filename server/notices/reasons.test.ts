import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { message } from '../../src/domain/message';
import { WORDED_CODES, zhReason } from './reasons';

const domain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/domain');

/** The domain modules whose messages reach the API through the server's intake (read.ts, routes.ts). */
const INTAKE_MODULES = [
  'intake/decode.ts',
  'intake/paste.ts',
  'learning/history.ts',
  'export/cms-csv.ts',
  'export/jsonl.ts',
];

describe('the intake reasons the server answers with', () => {
  it('word every code the desk’s intake modules can return', () => {
    const codes = INTAKE_MODULES.flatMap((file) =>
      [...readFileSync(path.join(domain, file), 'utf8').matchAll(/\bmessage\(\s*'(\w+)'/g)].map(
        (m) => `${file}: ${m[1] ?? ''}`,
      ),
    );
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((entry) => !WORDED_CODES.has(entry.split(': ')[1] ?? ''))).toEqual([]);
  });

  it('fill in the values, a message among them worded first', () => {
    expect(zhReason(message('fileTooLarge', { file: '通知.txt', size: '6.2', limit: 5 }))).toBe(
      '文件“通知.txt”过大（6.2 MB），单篇公文不超过 5 MB',
    );
    expect(zhReason(message('jsonlBadField', { field: message('jsonlNoText') }))).toBe(
      '字段 缺少 text 或 title 缺失或格式不正确',
    );
  });

  it('still answer in Chinese for a code they do not know, naming it', () => {
    expect(zhReason(message('somethingNew'))).toBe('无法读取（原因代码 somethingNew）');
  });
});
