import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeskJsonl, toDeskJsonl } from './jsonl';
import { arbitraryRecord, makeRecord } from './test-support/records';

const AT = '2026-11-28T12:00:00.000Z';

describe('desk JSONL', () => {
  it('writes a header line, then one compact record per line', () => {
    const jsonl = toDeskJsonl([makeRecord(), makeRecord({ id: 'n-2' })], AT);
    const lines = jsonl.split('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      format: 'notice-topic-desk',
      version: 1,
      exportedAt: AT,
      count: 2,
    });
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe(JSON.stringify(makeRecord()));
  });

  it('property: export then import is the identity, also with CRLF line ends', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryRecord, { selector: (r) => r.id, maxLength: 6 }),
        (records) => {
          const jsonl = toDeskJsonl(records, AT);
          expect(parseDeskJsonl(jsonl)).toEqual({ records, errors: [] });
          expect(parseDeskJsonl(jsonl.replace(/\n/g, '\r\n')).records).toEqual(records);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a file from a newer format version as a whole, with a message', () => {
    const jsonl = toDeskJsonl([makeRecord()], AT).replace('"version":1', '"version":2');
    const result = parseDeskJsonl(jsonl);
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([
      {
        line: 1,
        reason: { code: 'jsonlNewer', params: { version: 2, supported: 1 } },
      },
    ]);
  });

  it('refuses a file that is not a desk export', () => {
    expect(parseDeskJsonl('{"hello":1}\n').errors[0]?.reason.code).toBe('jsonlNotDesk');
    expect(parseDeskJsonl('').errors[0]?.reason.code).toBe('jsonlEmpty');
  });

  it('imports the good lines and names each bad one', () => {
    const good = makeRecord();
    const lines = [
      JSON.stringify({ format: 'notice-topic-desk', version: 1, exportedAt: AT, count: 6 }),
      JSON.stringify(good),
      '{not json',
      JSON.stringify({ ...good, id: 'n-3', rev: -1 }),
      JSON.stringify({ ...good, id: 'n-4', suggestions: [{ path: { label1: '科技' }, score: 2 }] }),
      JSON.stringify({ ...good, id: 'n-5', decision: { ...good.decision, status: 'maybe' } }),
      JSON.stringify(good),
    ];
    const { records, errors } = parseDeskJsonl(lines.join('\n'));
    expect(records).toEqual([good]);
    expect(errors).toEqual([
      { line: 3, reason: { code: 'jsonlBadJson' } },
      { line: 4, reason: { code: 'jsonlBadField', params: { field: 'rev' } } },
      { line: 5, reason: { code: 'jsonlBadField', params: { field: 'suggestions.path.label2' } } },
      { line: 6, reason: { code: 'jsonlBadField', params: { field: 'decision.status' } } },
      { line: 7, reason: { code: 'jsonlDuplicate', params: { id: good.id } } },
    ]);
  });

  it('notices a truncated file', () => {
    const jsonl = toDeskJsonl([makeRecord(), makeRecord({ id: 'n-2' })], AT);
    const cut = jsonl.split('\n').slice(0, 2).join('\n');
    const result = parseDeskJsonl(cut);
    expect(result.records).toHaveLength(1);
    expect(result.errors[0]?.reason).toEqual({
      code: 'jsonlIncomplete',
      params: { expected: 2, read: 1 },
    });
  });
});
