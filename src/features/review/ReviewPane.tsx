import { useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { Classification } from '../../domain/classifier/types';
import { noticeStatus, type NoticeRecord } from '../../domain/desk/record';
import { topicKey, type TopicPath } from '../../domain/taxonomy/taxonomy';
import { useDesk } from '../../store';
import { STATUS_MESSAGE, useT } from '../../ui/i18n/useT';
import { MetaCard } from './MetaCard';
import { NoticeText } from './NoticeText';
import { Outline } from './Outline';
import { Suggestions, type SuggestionView } from './Suggestions';
import { TopicPicker, type TopicPickerHandle } from './TopicPicker';
import { evidenceHighlights, noticeHighlights, outlineEntries } from './highlights';
import { looksMisdecoded } from '../../domain/intake';
import { focusAfter } from '../../ui/focus';
import { misdecodedText } from '../../ui/misdecoded';
import { pathLabel } from '../../ui/format';
import '../../ui/pane.css';

/** What the desk's keyboard shortcuts can ask of the review pane. */
export interface ReviewHandle {
  take(index: number): void;
  confirm(): void;
  openPicker(): void;
  toggleEvidence(): void;
}

function suggestionViews(
  record: NoticeRecord,
  classification: Classification | null,
): SuggestionView[] {
  if (classification) {
    return classification.top.slice(0, 3).map((s) => ({
      path: { label1: s.label1, label2: s.label2 },
      key: s.path,
      score: s.score,
      score1: s.score1,
      evidence: s.evidence,
    }));
  }
  return (record.suggestions ?? []).slice(0, 3).map((s) => ({
    path: s.path,
    key: topicKey(s.path),
    score: s.score,
    score1: null,
    evidence: [],
  }));
}

interface Props {
  readonly ref?: Ref<ReviewHandle>;
}

/** The selected notice: its highlighted text, outline, metadata, suggestions and the decision controls. */
export function ReviewPane({ ref }: Props) {
  const t = useT();
  const record = useDesk((s) => (s.selectedId === null ? undefined : s.byId.get(s.selectedId)));
  const [last, setLast] = useState<LastDecision | null>(null);
  return (
    <>
      {last ? (
        <p role="status" className="last-decision">
          {t('lastDecision', { title: last.title, path: pathLabel(last.path) })}
        </p>
      ) : null}
      {record ? (
        // Keyed by notice so the staged choice and evidence preview start fresh on every notice.
        <NoticeReview key={record.id} record={record} ref={ref} onDecided={setLast} />
      ) : (
        <div className="review-empty">
          <p>{t('nothingSelected')}</p>
        </div>
      )}
    </>
  );
}

/** The decision just made, shown after the desk moves on so the clerk can still see it and undo. */
interface LastDecision {
  readonly title: string;
  readonly path: TopicPath;
}

interface NoticeReviewProps {
  readonly record: NoticeRecord;
  readonly ref?: Ref<ReviewHandle> | undefined;
  readonly onDecided: (decision: LastDecision) => void;
}

function NoticeReview({ record, ref, onDecided }: NoticeReviewProps) {
  const t = useT();
  const current = useDesk((s) => (s.current?.id === record.id ? s.current : null));
  const modelStatus = useDesk((s) => s.model.status);
  const canUndo = useDesk((s) => s.undoStack.length > 0);
  const decide = useDesk((s) => s.decide);
  const selectNext = useDesk((s) => s.selectNext);
  const undo = useDesk((s) => s.undo);

  const [chosen, setChosen] = useState<TopicPath | null>(null);
  const [preview, setPreview] = useState<number | null>(null);
  const [showEvidence, setShowEvidence] = useState(false);
  const pickerRef = useRef<TopicPickerHandle>(null);

  // The worker's parse of this notice (made when it arrived); until it is here, the plain text.
  const parsed = current?.parsed ?? null;
  const baseHighlights = useMemo(() => (parsed ? noticeHighlights(parsed) : []), [parsed]);
  const outline = useMemo(() => (parsed ? outlineEntries(parsed) : []), [parsed]);
  const classification = current?.classification ?? null;
  const items = useMemo(() => suggestionViews(record, classification), [record, classification]);

  const evidenceIndex = preview ?? (showEvidence ? 0 : null);
  const evidence = evidenceIndex === null ? undefined : items[evidenceIndex]?.evidence;
  const highlights = useMemo(
    () => (evidence ? [...baseHighlights, ...evidenceHighlights(evidence)] : baseHighlights),
    [baseHighlights, evidence],
  );

  const misdecoded = useMemo(() => looksMisdecoded(record.text), [record.text]);
  const title = record.meta.title ?? parsed?.title?.text ?? record.source.name ?? t('untitled');
  const first = items[0];
  const target = chosen ?? first?.path ?? null;

  function decideAndMoveOn(path: TopicPath | null | undefined): void {
    if (!path) return;
    decide(record.id, path);
    onDecided({ title, path });
    selectNext();
    focusAfter('decided');
  }

  useImperativeHandle(ref, () => ({
    take: (index) => decideAndMoveOn(items[index]?.path),
    confirm: () => decideAndMoveOn(target),
    openPicker: () => pickerRef.current?.open(),
    toggleEvidence: () => setShowEvidence((v) => !v),
  }));

  const waiting =
    modelStatus === 'loading' ||
    (current?.pending ?? false) ||
    (current === null && record.suggestions === null);
  const state = modelStatus === 'error' ? 'modelError' : waiting ? 'computing' : 'ready';
  const status = noticeStatus(record);

  let confirmLabel = t('confirmNothing');
  if (chosen) confirmLabel = t('confirmChosen', { path: pathLabel(chosen) });
  else if (first) confirmLabel = t('confirmSuggestion', { path: pathLabel(first.path) });

  return (
    <div className="review">
      <header className="review-head">
        <h2 className="review-title">{title}</h2>
        <div className="review-status">
          <span className={`status status-${status}`}>{t(STATUS_MESSAGE[status])}</span>
          {record.decision ? (
            <span className="decided">
              {t('decided', { path: pathLabel(record.decision.path) })}
            </span>
          ) : null}
        </div>
      </header>

      {misdecoded ? (
        <p role="alert" className="notice-warning">
          {misdecodedText(misdecoded, t, 'misdecodedNotice')}
        </p>
      ) : null}
      <div className="decision-bar">
        <Suggestions
          items={items}
          uncertain={classification?.uncertain ?? false}
          state={state}
          decidedKey={record.decision ? topicKey(record.decision.path) : null}
          onTake={(i) => decideAndMoveOn(items[i]?.path)}
          onPreview={setPreview}
          t={t}
        />
        <div className="decide-row">
          <TopicPicker
            ref={pickerRef}
            chosen={chosen}
            onChoose={setChosen}
            onConfirm={() => decideAndMoveOn(target)}
            t={t}
          />
          <button
            type="button"
            className="primary confirm"
            aria-keyshortcuts="Enter"
            disabled={target === null}
            onClick={() => decideAndMoveOn(target)}
          >
            {confirmLabel}
            <kbd className="key key-inline" aria-hidden="true">
              Enter
            </kbd>
          </button>
          <button type="button" disabled={!canUndo} onClick={undo} aria-keyshortcuts="z">
            {t('undo')}
            <kbd className="key key-inline" aria-hidden="true">
              z
            </kbd>
          </button>
          <label className="toggle">
            <input
              type="checkbox"
              checked={showEvidence}
              onChange={(e) => setShowEvidence(e.target.checked)}
            />
            {t('showEvidence')}
          </label>
        </div>
      </div>

      <div className="review-body">
        <NoticeText text={record.text} highlights={highlights} label={t('noticeText')} />
        <aside className="review-side" aria-label={t('reviewSide')}>
          <MetaCard
            meta={record.meta}
            originalTopic={record.originalTopic}
            compareWith={record.decision?.path ?? first?.path ?? null}
            t={t}
          />
          <Outline
            entries={outline}
            label={t('outline')}
            emptyText={t('outlineEmpty')}
            attachmentLabel={t('outlineAttachment')}
          />
        </aside>
      </div>
    </div>
  );
}
