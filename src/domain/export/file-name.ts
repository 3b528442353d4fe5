/**
 * The names of the files the desk hands out: they sort by time and say what they are, in the
 * office's language whatever the UI's (the files go to colleagues and archives, not to the screen).
 */
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `主题分类标注-20260301-0930.csv`, in local time. */
export function exportFileName(now: Date, extension: 'csv' | 'jsonl'): string {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `主题分类标注-${stamp}.${extension}`;
}

/** `本地模型-20260301.json`: the local model's file, by UTC day. */
export function localModelFileName(now: Date): string {
  return `本地模型-${now.toISOString().slice(0, 10).replace(/-/g, '')}.json`;
}
