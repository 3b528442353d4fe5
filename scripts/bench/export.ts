/**
 * Export speed at desk scale: 10,000 notices of the sample's size (~14 KB of text each) written as
 * the clerk's CSV (metadata only) and as the lossless JSONL (full text). Synthetic records, so it runs
 * in a fresh clone. Run alone with `npx tsx scripts/bench/export.ts`, or through `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import type { NoticeRecord } from '../../src/domain/desk/record';
import { deskJsonlChunks, parseDeskJsonl } from '../../src/domain/export/jsonl';
import { noticeCsvChunks } from '../../src/domain/export/records';
import { taxonomyLeaves } from '../../src/domain/taxonomy/taxonomy';

const NOTICES = 10_000;
const PARAGRAPH =
  '各乡镇要进一步健全完善社会救助体系，做好困难群众基本生活保障工作，推进养老服务设施建设，落实各项惠民政策。';

function syntheticRecords(count: number): NoticeRecord[] {
  const leaves = taxonomyLeaves();
  const body = PARAGRAPH.repeat(Math.ceil(14_000 / (PARAGRAPH.length * 3)));
  return Array.from({ length: count }, (_, i): NoticeRecord => {
    const leaf = leaves[i % leaves.length] ?? { label1: '其他', label2: null };
    const other = leaves[(i * 7) % leaves.length] ?? leaf;
    return {
      id: `n-${i.toString(16).padStart(16, '0')}`,
      source: { kind: 'file', name: `notice-${i}.txt` },
      addedAt: '2026-11-28T09:00:00.000Z',
      text: `第${i}号通知\n${body}`,
      meta: {
        title: i % 50 === 0 ? `=HYPERLINK("http://x","第${i}号")` : `关于做好第${i}项工作的通知`,
        issuer: '上海市崇明区民政局',
        docNumber: `沪崇民〔2020〕${i}号`,
        indexNo: `SY00247825102020${String(i).padStart(5, '0')}`,
        topicRaw: '民政、扶贫、救灾-其他',
        writtenDate: '2020-03-30',
        publishDate: '2020-04-16',
        effectiveDate: null,
        expiryDate: null,
      },
      originalTopic: leaf,
      suggestions: [
        { path: leaf, score: 0.71 },
        { path: other, score: 0.2 },
        { path: leaves[0] ?? leaf, score: 0.09 },
      ],
      decision:
        i % 3 === 0
          ? null
          : {
              path: i % 3 === 1 ? leaf : other,
              status: i % 3 === 1 ? 'confirmed' : 'overridden',
              decidedAt: '2026-11-28T10:00:00.000Z',
            },
      rev: 1,
    };
  });
}

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

export function benchExport(): Figure[] {
  const records = syntheticRecords(NOTICES);
  const csv = timed(() => {
    let chars = 0;
    let chunks = 0;
    for (const chunk of noticeCsvChunks(records, { separator: '-' })) {
      chars += chunk.length;
      chunks++;
    }
    return { chars, chunks };
  });
  const jsonl = timed(() => {
    const chunks = [...deskJsonlChunks(records, '2026-11-28T12:00:00.000Z')];
    return chunks.join('');
  });
  const reimport = timed(() => parseDeskJsonl(jsonl.result));
  if (reimport.result.records.length !== NOTICES) throw new Error('JSONL re-import lost records');
  return [
    { name: `CSV write, ${NOTICES} notices (csvChunks)`, value: csv.ms, unit: 'ms' },
    { name: 'CSV size', value: csv.result.chars / 1e6, unit: 'M chars' },
    { name: 'CSV chunks of 64 Ki', value: csv.result.chunks, unit: '' },
    { name: `JSONL write, ${NOTICES} notices (~14 KB text each)`, value: jsonl.ms, unit: 'ms' },
    { name: 'JSONL size', value: new TextEncoder().encode(jsonl.result).length / 1e6, unit: 'MB' },
    { name: `JSONL import + validate, ${NOTICES} notices`, value: reimport.ms, unit: 'ms' },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of benchExport())
    console.log(
      `${f.name}: ${f.value.toFixed(f.unit === 'ms' || f.unit === '' ? 0 : 2)} ${f.unit}`,
    );
}
