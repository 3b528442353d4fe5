import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentId } from './id';

const NOTICE = '关于做好春运工作的通知\n各区:\n请做好春运保障。\n';

describe('contentId', () => {
  it('is the same for the same notice with CRLF, CR or LF line ends and outer blank lines', () => {
    const id = contentId(NOTICE);
    expect(id).toMatch(/^n-[0-9a-f]{16}$/);
    expect(contentId(NOTICE.replace(/\n/g, '\r\n'))).toBe(id);
    expect(contentId(NOTICE.replace(/\n/g, '\r'))).toBe(id);
    expect(contentId(`\n\n${NOTICE}  \n`)).toBe(id);
    expect(contentId(`\uFEFF${NOTICE}`)).toBe(id);
  });

  it('differs when the text differs by one character, or when the 索引号 differs', () => {
    expect(contentId(NOTICE.replace('春运', '春节'))).not.toBe(contentId(NOTICE));
    expect(contentId(NOTICE, '000014349/2019-00005')).not.toBe(contentId(NOTICE));
    expect(contentId(NOTICE, '000014349/2019-00005')).not.toBe(
      contentId(NOTICE, '000014349/2019-00006'),
    );
    expect(contentId(NOTICE, '  ')).toBe(contentId(NOTICE, null));
  });

  it('property: deterministic, and distinct texts give distinct ids', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(contentId(a)).toBe(contentId(a));
        const canon = (s: string) =>
          s
            .replace(/\r\n?/g, '\n')
            .split('\n')
            .map((l) => l.trimEnd())
            .join('\n')
            .trim();
        if (canon(a) !== canon(b)) expect(contentId(a)).not.toBe(contentId(b));
      }),
      { numRuns: 2000 },
    );
  });
});
