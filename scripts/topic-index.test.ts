import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COVERAGE_JSON,
  PINYIN_JSON,
  buildCoverage,
  buildPinyin,
  initialsOf,
  jsonText,
} from './topic-index.ts';

describe('the picker’s search data (scripts/topic-index.ts)', () => {
  it('reads polyphones in their word and keeps Latin letters and digits', () => {
    expect(initialsOf('环境保护')).toBe('hjbh');
    expect(initialsOf('银行')).toBe('yh');
    expect(initialsOf('行政区划与地名')).toBe('xzqhydm');
    expect(initialsOf('纠正行业不正之风')).toBe('jzhybzzf');
    expect(initialsOf('5G基站')).toBe('5gjz');
    expect(initialsOf('PM2.5')).toBe('pm25');
  });

  it('pinyin.json and coverage.json are regenerated from the current taxonomy and terms.json', async () => {
    const stale = '已过期：请运行 npm run topic-index';
    expect(
      readFileSync(PINYIN_JSON, 'utf8') === (await jsonText(buildPinyin(), PINYIN_JSON)),
      stale,
    ).toBe(true);
    expect(
      readFileSync(COVERAGE_JSON, 'utf8') === (await jsonText(buildCoverage(), COVERAGE_JSON)),
      stale,
    ).toBe(true);
  });
});
