import { useState } from 'react';
import { useDesk, useProgress } from '../../store';
import { useT } from '../../ui/i18n/useT';

/** Once every notice is decided, the desk says so and offers the export the batch was for. */
export function BatchDone() {
  const t = useT();
  const { done, total } = useProgress();
  const exportCsv = useDesk((s) => s.exportCsv);
  const [error, setError] = useState<string | null>(null);
  if (total === 0 || done < total) return null;
  return (
    <div role="status" className="banner banner-done">
      <span>{t('batchDone', { total })}</span>
      <button
        type="button"
        className="small primary"
        onClick={() => {
          setError(null);
          exportCsv('all').catch((e: unknown) =>
            setError(t('exportFailed', { reason: e instanceof Error ? e.message : String(e) })),
          );
        }}
      >
        {t('batchDoneExport')}
      </button>
      {error ? <span className="message-error">{error}</span> : null}
    </div>
  );
}
