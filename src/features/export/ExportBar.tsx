import { useState } from 'react';
import type { PathSeparator } from '../../domain/taxonomy/taxonomy';
import { useDesk, type ResumeResult } from '../../store';
import { useT, type MessageKey } from '../../ui/i18n/useT';

type Scope = 'all' | 'visible';

const SEPARATORS: readonly (readonly [PathSeparator, MessageKey])[] = [
  ['-', 'sepDash'],
  ['\\', 'sepBackslash'],
  ['/', 'sepSlash'],
];

/** Export to CSV (Excel) or JSONL (lossless), and resume from a JSONL the desk wrote. */
export function ExportBar() {
  const t = useT();
  const separator = useDesk((s) => s.settings.separator);
  const setSettings = useDesk((s) => s.setSettings);
  const exportCsv = useDesk((s) => s.exportCsv);
  const exportJsonl = useDesk((s) => s.exportJsonl);
  const importDeskJsonl = useDesk((s) => s.importDeskJsonl);
  const [scope, setScope] = useState<Scope>('all');
  const [error, setError] = useState<string | null>(null);
  const [resumed, setResumed] = useState<(ResumeResult & { file: string }) | null>(null);

  function run(job: Promise<unknown>): void {
    setError(null);
    setResumed(null);
    job.catch((e: unknown) => {
      setError(t('exportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    });
  }

  function chooseJsonl(): void {
    // Created on demand, never in the DOM: the page's only <input type=file> stays the notice upload.
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.jsonl,.json,application/x-ndjson';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) run(importDeskJsonl(file).then((r) => setResumed({ ...r, file: file.name })));
    });
    input.click();
  }

  return (
    <div className="export-bar">
      <button type="button" onClick={() => run(exportCsv(scope))}>
        {t('exportCsv')}
      </button>
      <button type="button" onClick={() => run(exportJsonl(scope))}>
        {t('exportJsonl')}
      </button>
      <details className="export-options">
        <summary>{t('exportOptions')}</summary>
        <div className="export-options-panel">
          <fieldset>
            <legend>{t('scope')}</legend>
            {(['all', 'visible'] as const).map((s) => (
              <label key={s} className="radio">
                <input
                  type="radio"
                  name="export-scope"
                  value={s}
                  checked={scope === s}
                  onChange={() => setScope(s)}
                />
                {t(s === 'all' ? 'scopeAll' : 'scopeVisible')}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('separator')}</legend>
            {SEPARATORS.map(([sep, label]) => (
              <label key={sep} className="radio">
                <input
                  type="radio"
                  name="export-separator"
                  value={sep}
                  checked={separator === sep}
                  onChange={() => setSettings({ separator: sep })}
                />
                <span className="mono">{t(label)}</span>
              </label>
            ))}
          </fieldset>
        </div>
      </details>
      <button type="button" onClick={chooseJsonl}>
        {t('importJsonl')}
      </button>
      {resumed ? (
        <p role="status" className="message-info resume-report">
          {t('resumeReport', {
            file: resumed.file,
            read: resumed.read,
            added: resumed.added,
            updated: resumed.updated,
            kept: resumed.kept,
            errors: resumed.errors,
          })}
          <button
            type="button"
            className="small"
            aria-label={t('dismissResume')}
            onClick={() => setResumed(null)}
          >
            {t('close')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="message-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
