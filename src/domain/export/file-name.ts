/** The name of an export file, `主题分类标注-20260301-0930.csv`: sorts by time and says what it is. */
export function exportFileName(now: Date, extension: 'csv' | 'jsonl'): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
  return `主题分类标注-${stamp}.${extension}`;
}
