/** How the labelled examples spread over the taxonomy, most frequent first. */
import { topicKey, type TopicPath } from '../taxonomy/taxonomy';

export interface LabelCount {
  readonly label: string;
  readonly count: number;
}

export interface LabelDistribution {
  readonly total: number;
  readonly level1: readonly LabelCount[];
  /** Full paths (`一级\二级`, or `一级` for a level-1-only label). */
  readonly paths: readonly LabelCount[];
}

function sorted(counts: Map<string, number>): LabelCount[] {
  return [...counts.entries()]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
}

export function labelDistribution(
  examples: readonly { readonly path: TopicPath }[],
): LabelDistribution {
  const level1 = new Map<string, number>();
  const paths = new Map<string, number>();
  for (const { path } of examples) {
    level1.set(path.label1, (level1.get(path.label1) ?? 0) + 1);
    const key = topicKey(path);
    paths.set(key, (paths.get(key) ?? 0) + 1);
  }
  return { total: examples.length, level1: sorted(level1), paths: sorted(paths) };
}
