/** A long task's progress with a way out: an import, a training, a cross-validation. */
export interface ProgressBarProps {
  readonly label: string;
  /** null when the task cannot say how far it is (a training step). */
  readonly done: number | null;
  readonly total: number;
  readonly text: string;
  readonly cancelLabel: string;
  readonly onCancel: () => void;
  readonly className: string;
}

export function ProgressBar({
  label,
  done,
  total,
  text,
  cancelLabel,
  onCancel,
  className,
}: ProgressBarProps) {
  const determinate = done !== null && total > 0;
  return (
    <div className={className}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={determinate ? total : undefined}
        aria-valuenow={determinate ? done : undefined}
        aria-valuetext={text}
        className={determinate ? 'progress' : 'progress indeterminate'}
      >
        <div
          className="progress-fill"
          style={{ width: determinate ? `${(100 * done) / total}%` : '30%' }}
        />
      </div>
      <span className="progress-text">{text}</span>
      <button type="button" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
