/** A file the desk hands to the clerk, built from chunks so a large export is never one string. */
export interface DownloadFile {
  readonly name: string;
  readonly chunks: Iterable<string>;
  /** MIME type with charset. */
  readonly type: string;
}

/** Saves a generated file through a download link. */
export function downloadFile({ name, chunks, type }: DownloadFile): void {
  const blob = new Blob([...chunks], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the blob; the URL can go once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
