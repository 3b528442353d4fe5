import { useRef, useState, type KeyboardEvent } from 'react';
import { looksMisdecoded, type Misdecoded } from '../../domain/intake';
import { message, type Message } from '../../domain/message';
import { useShallow } from 'zustand/react/shallow';
import { useDesk, type IntakeError } from '../../store';
import { FileButton } from '../../ui/FileButton';
import { focusAfter, PASTE_BOX_ID } from '../../ui/focus';
import { misdecodedText } from '../../ui/misdecoded';
import { ProgressBar } from '../../ui/ProgressBar';
import { useT, type Translate } from '../../ui/i18n/useT';

const ACCEPT = '.txt,.html,.htm,.docx';

interface PasteMessage {
  readonly kind: 'error' | 'info';
  readonly body: Message;
}

/** Paste a notice, upload files, watch the import and see what could not be read. */
export function IntakePanel() {
  const t = useT();
  const addPaste = useDesk((s) => s.addPaste);
  const addFiles = useDesk((s) => s.addFiles);
  const select = useDesk((s) => s.select);
  const [text, setText] = useState('');
  /** The box's text now, read after an add finishes (the state above is that render's copy). */
  const typed = useRef('');
  const [feedback, setFeedback] = useState<PasteMessage | null>(null);
  /** A paste that looks mis-decoded, held back until the clerk says to add it anyway. */
  const [suspect, setSuspect] = useState<{ text: string; found: Misdecoded } | null>(null);
  /** Texts being added now: a second Ctrl+Enter on the same text adds nothing, another text is added. */
  const adding = useRef(new Set<string>());

  async function add(anyway = false): Promise<void> {
    const submitted = text;
    if (adding.current.has(submitted)) return;
    // Warned before it is classified: suggestions on garbled text are confident nonsense.
    const found = anyway ? null : looksMisdecoded(submitted);
    if (found) {
      setSuspect({ text: submitted, found });
      focusAfter('pasteRefused');
      return;
    }
    setSuspect(null);
    adding.current.add(submitted);
    try {
      const result = await addPaste(submitted);
      const first = result.errors[0];
      if (first) {
        setFeedback({ kind: 'error', body: first.reason });
        focusAfter('pasteRefused');
        return;
      }
      // The clerk may have pasted the next notice while this one was being saved: keep that one.
      setText((current) => (current === submitted ? '' : current));
      if (result.firstId !== null) select(result.firstId);
      // Unless the clerk is already typing the next notice into the box: leave them there.
      if (typed.current === submitted || typed.current === '') {
        typed.current = '';
        focusAfter('pasteAdded');
      }
      setFeedback(
        result.duplicates > 0 && result.added === 0
          ? { kind: 'info', body: message('duplicates', { n: result.duplicates }) }
          : null,
      );
    } finally {
      adding.current.delete(submitted);
    }
  }

  async function upload(files: File[]): Promise<void> {
    setFeedback(null);
    // Off the hidden file input at once: Space there would reopen the file dialog.
    focusAfter('filesChosen');
    const result = await addFiles(files);
    // The clerk just chose these files: show the first new one.
    if (result.firstId !== null) select(result.firstId);
    // A re-import after a crash or a cancel adds only what is missing; say so.
    if (result.duplicates > 0)
      setFeedback({ kind: 'info', body: message('duplicates', { n: result.duplicates }) });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void add();
    }
  }

  return (
    <section className="intake" aria-label={t('intake')}>
      <label className="field-label" htmlFor={PASTE_BOX_ID}>
        {t('pasteLabel')}
      </label>
      <textarea
        id={PASTE_BOX_ID}
        className="paste-box"
        rows={3}
        placeholder={t('pastePlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          typed.current = e.target.value;
          if (feedback) setFeedback(null);
          if (suspect) setSuspect(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="intake-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void add()}
          aria-keyshortcuts="Control+Enter"
        >
          {t('add')}
        </button>
        <FileButton label={t('upload')} multiple accept={ACCEPT} onFiles={(f) => void upload(f)} />
        <span className="hint">{t('uploadHint')}</span>
      </div>
      {suspect ? (
        <div role="alert" className="notice-warning misdecoded">
          <p>{misdecodedText(suspect.found, t, 'misdecodedWarning')}</p>
          <button type="button" className="small" onClick={() => void add(true)}>
            {t('misdecodedAddAnyway')}
          </button>
        </div>
      ) : null}
      {feedback ? (
        <p
          role={feedback.kind === 'error' ? 'alert' : 'status'}
          className={`message-${feedback.kind}`}
        >
          {t(feedback.body)}
        </p>
      ) : null}
      <IntakeProgress />
      <RejectedFiles />
    </section>
  );
}

function IntakeProgress() {
  const t = useT();
  const { running, done, total } = useDesk(
    useShallow((s) => ({ running: s.intake.running, done: s.intake.done, total: s.intake.total })),
  );
  const cancel = useDesk((s) => s.cancelIntake);
  if (!running) return null;
  return (
    <ProgressBar
      className="intake-progress"
      label={t('intakeProgress')}
      done={done}
      total={total}
      text={t('intakeRunning', { done, total })}
      cancelLabel={t('cancelIntake')}
      onCancel={cancel}
    />
  );
}

function aboutLabel(error: IntakeError, t: Translate): string {
  if (error.about === 'paste') return t('pasteSource');
  if (error.about === 'import') return t('wholeImport');
  const { file, line } = error.about;
  return line === undefined ? file : t('fileLine', { file, line });
}

function RejectedFiles() {
  const t = useT();
  const errors = useDesk((s) => s.intake.errors);
  const dismiss = useDesk((s) => s.dismissIntakeErrors);
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="rejected">
      <div className="rejected-head">
        <strong>{t('rejectedCount', { n: errors.length })}</strong>
        <button type="button" className="small" onClick={dismiss} aria-label={t('dismissRejected')}>
          {t('close')}
        </button>
      </div>
      <ul aria-label={t('rejected')}>
        {errors.map((e, i) => (
          <li key={i}>
            <span className="rejected-name">{aboutLabel(e, t)}</span>
            <span className="rejected-reason">{t(e.reason)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
