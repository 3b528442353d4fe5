/** What `npm run classify` prints for one notice, shared by the CLI and its worker threads. */
import { readFileSync } from 'node:fs';
import { classifyNotice, type Model } from '../../src/domain/classifier/index';
import { parseNotice } from '../../src/domain/notice/index';

export function readText(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** One JSON line: the notice's id and its top 5 with scores, evidence and sections. */
export function classifiedLine(model: Model, id: string, text: string): string {
  const result = classifyNotice(model, parseNotice(text), { k: 5 });
  return JSON.stringify({
    id,
    uncertain: result.uncertain,
    top: result.top.map((s) => ({
      label1: s.label1,
      label2: s.label2,
      path: s.path,
      score: Math.round(s.score * 10000) / 10000,
      score1: Math.round(s.score1 * 10000) / 10000,
      evidence: s.evidence.map((e) => ({ term: e.term, weight: e.weight, spans: e.spans })),
      sections: s.sections.map((x) => x.heading),
    })),
  });
}
