/**
 * The pull cursor. Every change a clerk must see stamps their assignment row with the id of the
 * transaction that made it (xid8). A pull returns the rows stamped at or after `since`, in
 * (xid, notice) order, page by page; the next pull starts from the oldest transaction that was still
 * running when this pull began (its snapshot's xmin). A transaction that commits late, with an id
 * older than rows already returned, is therefore never skipped: at worst a row comes twice, and the
 * client keeps the copy with the higher rev.
 */
import { ApiFailure } from '../http/errors';

export interface Cursor {
  /** Rows stamped by transactions with ids ≥ this are (re)sent. */
  readonly since: string;
  /** The horizon for the pull after this one, fixed by its first page. */
  readonly next: string | null;
  /** The last row of the previous page: (xid, notice id). */
  readonly after: readonly [string, number] | null;
}

export const START: Cursor = { since: '0', next: null, after: null };

const XID = /^\d{1,20}$/;

export function encodeCursor(cursor: Cursor): string {
  const parts = [cursor.since, cursor.next ?? '', cursor.after?.[0] ?? '', cursor.after?.[1] ?? ''];
  return Buffer.from(parts.join('.')).toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor {
  if (text === undefined || text === '') return START;
  const invalid = new ApiFailure(
    400,
    'invalid_query',
    '同步游标无效：请不带 cursor 重新完整拉取。',
  );
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('.');
  if (parts.length !== 4) throw invalid;
  const [since = '', next = '', afterXid = '', afterId = ''] = parts;
  if (!XID.test(since) || (next !== '' && !XID.test(next))) throw invalid;
  if ((afterXid === '') !== (afterId === '')) throw invalid;
  if (afterXid !== '' && (!XID.test(afterXid) || !/^\d{1,10}$/.test(afterId))) throw invalid;
  return {
    since,
    next: next === '' ? null : next,
    after: afterXid === '' ? null : [afterXid, Number(afterId)],
  };
}
