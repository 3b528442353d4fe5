import { memo } from 'react';
import type { Evidence } from '../../domain/classifier/types';
import type { TopicPath } from '../../domain/taxonomy/taxonomy';
import type { Translate } from '../../ui/i18n/useT';
import { percent } from '../../ui/format';

export interface SuggestionView {
  readonly path: TopicPath;
  readonly key: string;
  readonly score: number;
  /** Probability of the first level alone; absent while only the stored top-3 is known. */
  readonly score1: number | null;
  /** Terms for the suggestion, strongest first; empty while the full classification loads. */
  readonly evidence: readonly Evidence[];
}

interface Props {
  readonly items: readonly SuggestionView[];
  readonly uncertain: boolean;
  readonly state: 'ready' | 'computing' | 'modelError';
  /** The path the clerk decided, to mark the suggestion it came from. */
  readonly decidedKey: string | null;
  readonly onTake: (index: number) => void;
  /** Which suggestion's evidence the text should show (hover/focus), or null. */
  readonly onPreview: (index: number | null) => void;
  readonly t: Translate;
}

const EVIDENCE_SHOWN = 6;

function evidenceTerms(evidence: readonly Evidence[]): string[] {
  return evidence
    .filter((e) => e.weight > 0)
    .slice(0, EVIDENCE_SHOWN)
    .map((e) => e.term);
}

/** The top 3 suggestions as big buttons: number key, full path, calibrated score, evidence words. */
export const Suggestions = memo(function Suggestions({
  items,
  uncertain,
  state,
  decidedKey,
  onTake,
  onPreview,
  t,
}: Props) {
  return (
    <section className="suggestions" aria-label={t('suggestions')}>
      {state === 'modelError' ? (
        <p role="alert" className="notice-warning">
          {t('modelUnavailable')}
        </p>
      ) : null}
      {state === 'computing' && items.length === 0 ? (
        <p role="status" className="muted">
          {t('computing')}
        </p>
      ) : null}
      {uncertain && items.length > 0 ? (
        <p role="status" className="uncertain">
          {t('uncertain')}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ol className="suggestion-list" aria-label={t('suggestions')}>
          {items.slice(0, 3).map((s, i) => {
            const terms = evidenceTerms(s.evidence);
            return (
              <li key={s.key}>
                <button
                  type="button"
                  className={`suggestion${decidedKey === s.key ? ' is-decided' : ''}`}
                  onClick={() => onTake(i)}
                  onMouseEnter={() => onPreview(i)}
                  onMouseLeave={() => onPreview(null)}
                  onFocus={() => onPreview(i)}
                  onBlur={() => onPreview(null)}
                >
                  {/* Named by what it shows (axe: label-content-name-mismatch), the verb hidden. */}
                  <span className="suggestion-top">
                    <span className="visually-hidden">{t('takeSuggestion')} </span>
                    <kbd className="key">{i + 1}</kbd>{' '}
                    <span className="suggestion-path">
                      <span className="path-level1">{s.path.label1}</span>
                      {s.path.label2 !== null ? (
                        <>
                          <span className="path-sep"> › </span>
                          <span className="path-level2">{s.path.label2}</span>
                        </>
                      ) : null}
                    </span>{' '}
                    <span className="suggestion-score">{percent(s.score)}</span>
                  </span>
                  <span className="score-bar" aria-hidden="true">
                    {s.score1 !== null ? (
                      <span className="score-bar-level1" style={{ width: percent(s.score1) }} />
                    ) : null}
                    <span className="score-bar-fill" style={{ width: percent(s.score) }} />
                  </span>
                  <span className="suggestion-evidence">
                    {s.score1 !== null ? (
                      <span className="muted">
                        {t('level1Score', { score: percent(s.score1) })} ·{' '}
                      </span>
                    ) : null}
                    {terms.length > 0
                      ? t('evidence', { terms: terms.join('、') })
                      : state === 'ready'
                        ? t('noEvidence')
                        : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
});
