import { useDesk } from '../../store';
import { useT, type Language } from '../../ui/i18n/useT';

const LANGUAGES: readonly (readonly [Language, string])[] = [
  ['zh', '中文'],
  ['en', 'English'],
];

export function LanguageSwitch() {
  const t = useT();
  const language = useDesk((s) => s.settings.language);
  const setSettings = useDesk((s) => s.setSettings);
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {LANGUAGES.map(([code, name]) => (
        <button
          key={code}
          type="button"
          lang={code === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={language === code}
          onClick={() => setSettings({ language: code })}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
