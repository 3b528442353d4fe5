import { memo } from 'react';
import type { NoticeMeta } from '../../domain/desk/record';
import type { TopicPath } from '../../domain/taxonomy/taxonomy';
import type { MessageKey, Translate } from '../../ui/i18n/useT';
import { pathLabel } from '../../ui/format';

interface Props {
  readonly meta: NoticeMeta;
  /** 原标注 on the taxonomy, or null when absent or not on it. */
  readonly originalTopic: TopicPath | null;
  /** What the original label is compared with: the clerk's decision, else suggestion 1. */
  readonly compareWith: TopicPath | null;
  readonly t: Translate;
}

type Agreement = 'agree' | 'agreeLevel1' | 'disagree';

export function agreement(original: TopicPath, other: TopicPath): Agreement {
  if (original.label1 !== other.label1) return 'disagree';
  return original.label2 === other.label2 ? 'agree' : 'agreeLevel1';
}

const ROWS: readonly (readonly [MessageKey, keyof NoticeMeta])[] = [
  ['indexNo', 'indexNo'],
  ['issuer', 'issuer'],
  ['docNumber', 'docNumber'],
  ['writtenDate', 'writtenDate'],
  ['publishDate', 'publishDate'],
  ['effectiveDate', 'effectiveDate'],
  ['expiryDate', 'expiryDate'],
];

/** The header metadata, and the label someone wrote before (原标注) set against today's. */
export const MetaCard = memo(function MetaCard({ meta, originalTopic, compareWith, t }: Props) {
  const verdict = originalTopic && compareWith ? agreement(originalTopic, compareWith) : null;
  return (
    <section className="meta-card" aria-label={t('metadata')}>
      <h3 className="panel-title">{t('metadata')}</h3>
      <dl>
        {ROWS.map(([label, field]) => (
          <div key={field} className="meta-row">
            <dt>{t(label)}</dt>
            <dd>{meta[field] ?? t('none')}</dd>
          </div>
        ))}
        <div className="meta-row">
          <dt>{t('originalTopic')}</dt>
          <dd>
            {originalTopic ? pathLabel(originalTopic) : (meta.topicRaw ?? t('none'))}
            {meta.topicRaw && !originalTopic ? (
              <span className="muted"> {t('unknownTopic')}</span>
            ) : null}
            {verdict ? (
              <span className={`badge badge-${verdict === 'disagree' ? 'bad' : 'good'}`}>
                {t(verdict)}
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
    </section>
  );
});
