/** Saves generated text as a file download, built from chunks so a large export is never one string. */
export function downloadChunks(fileName: string, chunks: Iterable<string>, type: string): void {
  const blob = new Blob([...chunks], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the blob; the URL can go once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
