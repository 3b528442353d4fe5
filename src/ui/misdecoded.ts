import type { Misdecoded, MisdecodeReason } from '../domain/intake';
import type { MessageKey, Translate } from './i18n/useT';

const REASON: Readonly<Record<MisdecodeReason, MessageKey>> = {
  replacement: 'misdecodedReplacement',
  mojibake: 'misdecodedMojibake',
  'utf8-as-latin1': 'misdecodedLatin1',
  'private-use': 'misdecodedPrivateUse',
  'unlikely-characters': 'misdecodedUnlikely',
};

/**
 * Words a mis-decoding warning, why the text looks wrong and where: before a paste is added
 * ('misdecodedWarning') or on a notice already on the desk ('misdecodedNotice').
 */
export function misdecodedText(
  found: Misdecoded,
  t: Translate,
  key: 'misdecodedWarning' | 'misdecodedNotice',
): string {
  return t(key, { why: t(REASON[found.reason]), excerpt: found.excerpt });
}
