/**
 * Parser speed: the Shanghai sample (or, in a fresh clone without ../shared, the fixture composed
 * in its format), median of many runs; a 1 MB notice built by repeating the fixture's work points;
 * and the gov.cn sample, the largest of the three. Run alone with `npx tsx scripts/bench/parse.ts`,
 * or through `npm run bench`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseNotice } from '../../src/domain/notice/index';

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, '../../src/domain/notice/fixtures/shanghai-format-notice.txt');
// ../shared beside the repo, found from this file: never an absolute path.
const SHARED_SAMPLES = path.join(here, '../../../shared/samples');
const SAMPLE = path.join(SHARED_SAMPLES, 'chongming-2020-minzheng.txt');
const GOVCN = path.join(SHARED_SAMPLES, 'govcn-2019-zhiye-jiaoyu.txt');

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median ms of `runs` parses after a warm-up, so the JIT has compiled the parser. */
function medianParse(text: string, runs: number): number {
  for (let i = 0; i < Math.min(runs, 50); i++) parseNotice(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parseNotice(text);
    times.push(performance.now() - t0);
  }
  return median(times);
}

function oneMegabyte(base: string): string {
  const points = base.slice(base.indexOf('一、'));
  const parts = [base];
  let length = base.length;
  while (length < 1_000_000) {
    parts.push(points);
    length += points.length;
  }
  return parts.join('');
}

export function benchParse(): Figure[] {
  const haveSample = existsSync(SAMPLE);
  const sample = readFileSync(haveSample ? SAMPLE : FIXTURE, 'utf8');
  const figures: Figure[] = [
    {
      name: `parseNotice, ${haveSample ? 'Shanghai sample' : 'Shanghai-format fixture'} (${sample.length} chars), median of 1000`,
      value: medianParse(sample, 1000),
      unit: 'ms',
    },
  ];
  if (existsSync(GOVCN)) {
    const govcn = readFileSync(GOVCN, 'utf8');
    figures.push({
      name: `parseNotice, gov.cn sample (${govcn.length} chars), median of 1000`,
      value: medianParse(govcn, 1000),
      unit: 'ms',
    });
  }
  const big = oneMegabyte(readFileSync(FIXTURE, 'utf8'));
  figures.push({
    name: `parseNotice, 1 MB notice (${big.length} chars), median of 9`,
    value: medianParse(big, 9),
    unit: 'ms',
  });
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of benchParse()) console.log(`${f.name}: ${f.value.toFixed(3)} ${f.unit}`);
}
