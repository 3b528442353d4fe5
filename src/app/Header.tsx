import { ExportBar } from '../features/export/ExportBar';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { useT, type MessageKey } from '../ui/i18n/useT';
import { useDesk, useProgress } from '../store';

const STORAGE_MESSAGES: ReadonlyMap<string, MessageKey> = new Map([
  ['unavailable', 'storageUnavailable'],
  ['quota', 'storageQuota'],
  ['conflict', 'storageConflict'],
  ['newer-version', 'storageNewer'],
] as const);

function ModelStatus() {
  const t = useT();
  const model = useDesk((s) => s.model);
  let text = t('modelLoading');
  if (model.status === 'ready') {
    text = model.info ? t('modelReadyInfo', { labels: model.info.labels }) : t('modelReady');
  } else if (model.status === 'error') {
    text = t('modelError');
  }
  return (
    <span
      role="status"
      aria-label={t('modelStatus')}
      className={`chip chip-model-${model.status}`}
      title={model.problem ? t(model.problem) : (model.info?.source ?? undefined)}
    >
      <span className="chip-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

/** "Saved" only once every decision and the learned model are in storage. */
function SaveStatus() {
  const t = useT();
  const saving = useDesk((s) => s.saving);
  const stored = useDesk((s) => s.storage.status === 'ok');
  if (!stored) return null;
  return (
    <span role="status" className={`chip chip-save${saving ? ' is-saving' : ''}`}>
      {saving ? t('saving') : t('allSaved')}
    </span>
  );
}

function Progress() {
  const t = useT();
  const { done, total } = useProgress();
  return (
    <span className="progress-summary">
      <span>{t('progress', { done, total })}</span>
      <span className="mini-bar" aria-hidden="true">
        <span style={{ width: `${total ? (100 * done) / total : 0}%` }} />
      </span>
    </span>
  );
}

/** Storage problems the clerk must know about: work may not be saved. */
export function StorageBanners() {
  const t = useT();
  const storage = useDesk((s) => s.storage);
  const dismiss = useDesk((s) => s.dismissConflict);
  const key = STORAGE_MESSAGES.get(storage.status);
  if (!key) return null;
  return (
    <div role="alert" className="banner banner-warning">
      {storage.problem ? t(storage.problem) : t(key)}
      {storage.status === 'conflict' ? (
        <button type="button" className="small" onClick={dismiss}>
          {t('gotIt')}
        </button>
      ) : null}
    </div>
  );
}

export function Header({ onHelp }: { readonly onHelp: () => void }) {
  const t = useT();
  return (
    <header className="app-header">
      <h1 className="app-title">{t('appTitle')}</h1>
      <Progress />
      <SaveStatus />
      <ModelStatus />
      <div className="header-spacer" />
      <ExportBar />
      <LanguageSwitch />
      <button type="button" className="icon-button" aria-label={t('help')} onClick={onHelp}>
        ?
      </button>
    </header>
  );
}
