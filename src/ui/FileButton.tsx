import { useEffect, useRef } from 'react';

export interface FileButtonProps {
  readonly label: string;
  readonly accept?: string;
  readonly multiple?: boolean;
  /** Lets the clerk pick a whole folder of notices. */
  readonly folder?: boolean;
  readonly disabled?: boolean;
  readonly className?: string;
  readonly onFiles: (files: File[]) => void;
}

/**
 * A button that opens the file picker: the native input is kept (so keyboard, screen readers and
 * tests use it) but visually hidden, so the page never shows the browser's English "Choose File".
 */
export function FileButton({
  label,
  accept,
  multiple = false,
  folder = false,
  disabled = false,
  className = 'button file-button',
  onFiles,
}: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's typings.
    if (folder) input.current?.setAttribute('webkitdirectory', '');
  }, [folder]);
  return (
    <label className={disabled ? `${className} is-disabled` : className}>
      {label}
      <input
        ref={input}
        type="file"
        multiple={multiple}
        accept={accept}
        disabled={disabled}
        className="visually-hidden"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          // Reset so choosing the same file again still fires a change.
          e.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </label>
  );
}
