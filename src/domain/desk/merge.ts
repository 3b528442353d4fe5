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

/**
 * The version of an imported record the desk keeps, or null when its own stays. A kept version gets
 * a revision above the desk's, so every tab sees it as the newer one: stored revisions only grow.
 */
export function importedRecord(
  local: NoticeRecord | undefined,
  imported: NoticeRecord,
): NoticeRecord | null {
  if (!preferImported(local, imported)) return null;
  return local && imported.rev <= local.rev ? { ...imported, rev: local.rev + 1 } : imported;
}

/** Whether another tab's stored version is newer than the one this tab holds. */
export function isNewer(stored: NoticeRecord, local: NoticeRecord | undefined): boolean {
  return local === undefined || stored.rev > local.rev;
}
