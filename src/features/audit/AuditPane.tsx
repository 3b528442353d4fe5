import { useMemo, useState } from 'react';
import type { Evidence } from '../../domain/classifier/types';
import { auditCandidates, DEFAULT_AUDIT_THRESHOLD } from '../../domain/learning';
import { useDesk } from '../../store';
import { useT } from '../../ui/i18n/useT';
import { pathLabel, percent } from '../../ui/format';
import '../../ui/pane.css';

/** Rows shown at once: the most confident disputes are the ones worth a clerk's time first. */
const SHOWN = 200;
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9] as const;

function EvidenceCell({ id, title }: { readonly id: string; readonly title: string }) {
  const t = useT();
  const explain = useDesk((s) => s.explain);
  const [state, setState] = useState<'idle' | 'loading' | readonly Evidence[]>('idle');
  if (state === 'idle') {
    return (
      <button
        type="button"
        aria-label={t('auditShowEvidenceFor', { title })}
        onClick={() => {
          setState('loading');
          explain(id).then(
            (c) => setState(c?.top[0]?.evidence.filter((e) => e.weight > 0) ?? []),
            () => setState([]),
          );
        }}
      >
        {t('auditShowEvidence')}
      </button>
    );
  }
  if (state === 'loading') return <span>{t('evidenceLoading')}</span>;
  if (state.length === 0) return <span>{t('noEvidence')}</span>;
  return (
    <span className="audit-evidence">
      {state.slice(0, 5).map((e) => (
        <mark key={e.term}>{e.term}</mark>
      ))}
    </span>
  );
}

/** Notices whose header label the model confidently disputes, most confident first. */
export function AuditPane({ onOpen }: { readonly onOpen: (id: string) => void }) {
  const t = useT();
  const byId = useDesk((s) => s.byId);
  const decide = useDesk((s) => s.decide);
  const [threshold, setThreshold] = useState<number>(DEFAULT_AUDIT_THRESHOLD);
  const candidates = useMemo(() => auditCandidates(byId.values(), threshold), [byId, threshold]);
  return (
    <main className="learn-pane" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('auditTitle')}</h2>
      <div className="learn-actions">
        <label>
          {t('auditThreshold')}{' '}
          <select value={threshold} onChange={(e) => setThreshold(Number(e.target.value))}>
            {THRESHOLDS.map((v) => (
              <option key={v} value={v}>
                {percent(v)}
              </option>
            ))}
          </select>
        </label>
        <span role="status">
          {candidates.length === 0 ? t('auditEmpty') : t('auditCount', { n: candidates.length })}
        </span>
      </div>
      {candidates.length > 0 && (
        <table className="learn-table" aria-labelledby="audit-title">
          <thead>
            <tr>
              <th scope="col">{t('colTitle')}</th>
              <th scope="col">{t('colOriginal')}</th>
              <th scope="col">{t('colSuggested')}</th>
              <th scope="col">{t('colConfidence')}</th>
              <th scope="col">{t('colEvidence')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {candidates.slice(0, SHOWN).map((c) => {
              const record = byId.get(c.id);
              const title = record?.meta.title ?? t('untitled');
              return (
                <tr key={c.id}>
                  <th scope="row">{title}</th>
                  <td>{pathLabel(c.original)}</td>
                  <td>
                    {pathLabel(c.suggestion.path)}{' '}
                    <small>({t(c.level === 1 ? 'levelDiffers1' : 'levelDiffers2')})</small>
                  </td>
                  <td>{percent(c.suggestion.score)}</td>
                  <td>
                    <EvidenceCell id={c.id} title={title} />
                  </td>
                  <td className="learn-actions">
                    <button
                      type="button"
                      aria-label={t('acceptSuggestionFor', {
                        path: pathLabel(c.suggestion.path),
                        title,
                      })}
                      onClick={() => decide(c.id, c.suggestion.path)}
                    >
                      {t('acceptSuggestion', { path: pathLabel(c.suggestion.path) })}
                    </button>
                    <button
                      type="button"
                      aria-label={t('keepOriginalFor', { path: pathLabel(c.original), title })}
                      onClick={() => decide(c.id, c.original)}
                    >
                      {t('keepOriginal', { path: pathLabel(c.original) })}
                    </button>
                    <button
                      type="button"
                      aria-label={t('openInDeskFor', { title })}
                      onClick={() => onOpen(c.id)}
                    >
                      {t('openInDesk')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}
