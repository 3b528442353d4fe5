/** Instants as a clerk reads them: local wall-clock time with its UTC offset, in ISO 8601. */

/** Offsets in use on Earth run from UTC−12:00 to UTC+14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `instant` as ISO 8601 local time with its offset, to the second: `2026-12-01T09:30:00+08:00` for
 * 01:30 UTC and an offset of 480 minutes (UTC+8, China). The offset is given, not read from the
 * runtime, so the result is the same on every machine; a caller that wants the browser's zone passes
 * `-instant.getTimezoneOffset()`.
 * WARNING: throws a RangeError for an invalid instant or an offset that is not a whole number of
 * minutes within ±14 h, rather than writing a time that looks right and is not.
 */
export function formatLocalTime(instant: Date | string | number, offsetMinutes: number): string {
  const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  if (!Number.isFinite(ms))
    throw new RangeError(`formatLocalTime: not a valid instant: ${String(instant)}`);
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
    throw new RangeError(`formatLocalTime: not a valid offset in minutes: ${offsetMinutes}`);
  }
  // The UTC fields of the shifted instant are the local wall-clock fields.
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const year = local.getUTCFullYear();
  const yyyy =
    year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
  return (
    `${yyyy}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The UTC offset in minutes to write an instant with: a fixed one, or one that follows summer time. */
export type UtcOffset = number | ((instant: Date) => number);

/** The runtime's own zone (the browser's): the default when the caller names none. */
export const LOCAL_ZONE: UtcOffset = (instant) => -instant.getTimezoneOffset();

/**
 * A stored ISO instant written in local time with `offset`; text that is not a valid instant (an
 * imported record's odd value) is returned as it was, so an export never loses it.
 */
export function localTimeOf(stored: string, offset: UtcOffset = LOCAL_ZONE): string {
  const instant = new Date(stored);
  if (!Number.isFinite(instant.getTime())) return stored;
  return formatLocalTime(instant, typeof offset === 'number' ? offset : offset(instant));
}
