import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalTime, localTimeOf } from './time';

describe('formatLocalTime', () => {
  it('writes the local wall-clock time with its offset, to the second', () => {
    expect(formatLocalTime('2026-12-01T01:30:00Z', 480)).toBe('2026-12-01T09:30:00+08:00');
    expect(formatLocalTime(new Date('2026-12-01T01:30:59.999Z'), 0)).toBe(
      '2026-12-01T01:30:59+00:00',
    );
    expect(formatLocalTime(Date.UTC(2026, 11, 1, 1, 30), -300)).toBe('2026-11-30T20:30:00-05:00');
    expect(formatLocalTime('2026-12-01T01:30:00Z', 345)).toBe('2026-12-01T07:15:00+05:45');
  });

  it('crosses days, months and years with the offset', () => {
    expect(formatLocalTime('2026-12-31T20:00:00Z', 480)).toBe('2027-01-01T04:00:00+08:00');
    expect(formatLocalTime('2024-03-01T02:00:00Z', -180)).toBe('2024-02-29T23:00:00-03:00');
  });

  it('reads back as the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        fc.integer({ min: -720, max: 840 }),
        (date, offset) => {
          const written = formatLocalTime(date, offset);
          expect(written).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/u);
          expect(new Date(written).getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
    );
  });

  it('refuses an invalid instant or offset instead of writing a wrong time', () => {
    expect(() => formatLocalTime('昨天', 480)).toThrow(RangeError);
    expect(() => formatLocalTime(new Date(Number.NaN), 480)).toThrow(RangeError);
    expect(() => formatLocalTime('2026-12-01T01:30:00Z', 15 * 60)).toThrow(RangeError);
    expect(() => formatLocalTime('2026-12-01T01:30:00Z', 1.5)).toThrow(RangeError);
  });
});

describe('localTimeOf', () => {
  it('writes a stored instant in the zone given, and keeps text that is no instant', () => {
    expect(localTimeOf('2026-12-01T01:30:00.000Z', 480)).toBe('2026-12-01T09:30:00+08:00');
    expect(localTimeOf('2026-07-01T01:30:00.000Z', (d) => (d.getUTCMonth() === 6 ? 120 : 60))).toBe(
      '2026-07-01T03:30:00+02:00',
    );
    expect(localTimeOf('t')).toBe('t');
  });
});
