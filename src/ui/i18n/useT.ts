/** The translate function for the clerk's chosen language. */
import { useCallback } from 'react';
import { useDesk } from '../../store';
import { translate, type Translate } from './messages';

export { STATUS_MESSAGE, translate } from './messages';
export type { Language, MessageKey, Translate } from './messages';

export function useT(): Translate {
  const language = useDesk((s) => s.settings.language);
  return useCallback<Translate>((key, vars) => translate(language, key, vars), [language]);
}
