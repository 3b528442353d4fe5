/** Resuming work from a desk JSONL: which of two versions of a notice the desk keeps. */
import type { NoticeRecord } from './record';

/**
 * The imported version wins when it carries a decision the desk lacks, or a later revision;
 * otherwise the desk's own version stays, so importing an old export never undoes newer work.
 */
export function preferImported(local: NoticeRecord | undefined, imported: NoticeRecord): boolean {
  if (!local) return true;
  if (local.decision === null && imported.decision !== null) return true;
  if (local.decision !== null && imported.decision === null) return false;
  return imported.rev > local.rev;
}
