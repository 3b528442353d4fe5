/**
 * What the local model learns from: the imported history and every decision on the desk. A notice
 * that is both counts once, with the clerk's decision (the newer word) as its label.
 */
import type { LabelledExample } from '../classifier';
import type { NoticeRecord } from '../desk/record';
import type { HistoryExample } from './history';

export interface TrainingSet {
  readonly examples: LabelledExample[];
  readonly history: number;
  readonly decisions: number;
}

export function trainingSet(
  history: readonly HistoryExample[],
  records: Iterable<NoticeRecord>,
): TrainingSet {
  const byText = new Map<string, LabelledExample>();
  for (const h of history) byText.set(h.text, { text: h.text, path: h.path, source: 'history' });
  let decisions = 0;
  for (const r of records) {
    if (!r.decision) continue;
    decisions++;
    byText.set(r.text, { text: r.text, path: r.decision.path, source: 'decision' });
  }
  const examples = [...byText.values()];
  return {
    examples,
    history: examples.filter((e) => e.source === 'history').length,
    decisions,
  };
}
