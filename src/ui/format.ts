import type { TopicPath } from '../domain/taxonomy/taxonomy';

/** How the desk shows a path on screen: `一级 › 二级`, whatever separator the export uses. */
export function pathLabel(path: TopicPath): string {
  return path.label2 === null ? path.label1 : `${path.label1} › ${path.label2}`;
}

export function samePath(a: TopicPath, b: TopicPath): boolean {
  return a.label1 === b.label1 && a.label2 === b.label2;
}

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}
