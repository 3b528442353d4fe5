import { describe, expect, it } from 'vitest';
import { parseNotice } from '../notice';
import {
  DEFAULT_SETTINGS,
  featurise,
  noticeRegions,
  regionPosition,
  titleSubject,
} from './featurise';
import { compileLexicon, termMatches, type Lexicon } from './lexicon';

const lexicon = compileLexicon({
  terms: ['民政', '危险化学品', '化学品', '生产安全事故', '机动车', '动车', '政法', '教育'],
  neutral: ['人民政府', '机动车', '行政法规'],
  issuerPatterns: [],
  rules: [],
} satisfies Lexicon);

const terms = (text: string): string[] => termMatches(text, lexicon).map((m) => m.term);

describe('termMatches', () => {
  it('does not count a term that sits inside a neutral word (人民政府 is not 民政)', () => {
    expect(terms('某市人民政府关于做好民政工作的通知')).toEqual(['民政']);
    expect(terms('根据有关行政法规')).toEqual([]);
  });

  it('counts a neutral word that is a term, and not the shorter term inside it (机动车, not 动车)', () => {
    expect(terms('加强机动车和动车组管理')).toEqual(['机动车', '动车']);
  });

  it('counts overlapping and nested terms, each where it stands', () => {
    const matches = termMatches('危险化学品生产安全事故', lexicon);
    expect(matches.map((m) => [m.term, m.start, m.end])).toEqual([
      ['危险化学品', 0, 5],
      ['化学品', 2, 5],
      ['生产安全事故', 5, 11],
    ]);
  });
});

describe('titleSubject', () => {
  it('keeps what the notice is about: no issuer, no 关于, no genre ending, same length', () => {
    const title = '国务院办公厅关于进一步加强职业教育工作的通知';
    const subject = titleSubject(title);
    expect(subject).toHaveLength(title.length);
    expect(subject.trim()).toBe('进一步加强职业教育工作');
  });

  it('unwraps what a forwarding title forwards', () => {
    expect(titleSubject('关于印发《国家职业教育改革实施方案》的通知').trim()).toBe(
      '国家职业教育改革实施方案',
    );
  });

  it('leaves a title without 关于 whole', () => {
    expect(titleSubject('2020年崇明民政工作要点')).toBe('2020年崇明民政工作要点');
  });
});

describe('noticeRegions', () => {
  const text = [
    '某市教育局关于做好学校安全工作的通知',
    '各区教育局：',
    '现就做好学校安全工作通知如下。',
    '一、加强校园安全教育',
    '各校要开展安全教育。',
    '某市教育局',
    '2024年3月1日',
    '抄送：市政府办公厅。',
  ].join('\n');
  const parsed = parseNotice(text);
  const regions = noticeRegions(parsed, DEFAULT_SETTINGS);

  it('reads the title, a lead and the body, and maps every character back into the text', () => {
    expect(regions.map((r) => r.kind)).toEqual(['title', 'lead', 'body']);
    let mapped = 0;
    for (const region of regions) {
      [...region.text].forEach((ch, i) => {
        const at = regionPosition(region, i);
        if (ch.trim() === '' || at < 0) return;
        expect(text[at]).toBe(ch);
        mapped++;
      });
    }
    expect(mapped).toBeGreaterThan(40);
  });

  it('leaves the signature and the 抄送 line out of the body, and keeps the addressee', () => {
    const body = regions.find((r) => r.kind === 'body')?.text ?? '';
    expect(body).toContain('各区教育局');
    expect(body).not.toContain('抄送');
    expect(body).not.toContain('2024年3月1日');
    const values = featurise(parsed, DEFAULT_SETTINGS, lexicon).values;
    expect(values.has('t:教育')).toBe(false); // 教育局 in the title is the issuer, not the subject
    expect(values.has('p:教育')).toBe(true);
  });
});
