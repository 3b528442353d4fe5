/** The translate function for the clerk's chosen language. */
import { useCallback } from 'react';
import { translate, type Translate } from '../../domain/messages';
import { useDesk } from '../../store';

export { STATUS_MESSAGE, translate } from '../../domain/messages';
export type { Language, MessageKey, Translate } from '../../domain/messages';

export function useT(): Translate {
  const language = useDesk((s) => s.settings.language);
  return useCallback<Translate>((key, vars) => translate(language, key, vars), [language]);
}
