/** Reading labelled JSONL: one notice per line with `text` and `label` (or `label1`/`label2`). */
import { message, type Message } from '../message';
import { normaliseTopic, type TopicPath } from '../taxonomy/taxonomy';
import type { LabelledExample } from './train';

export interface LabelledLine extends LabelledExample {
  readonly id: string;
  readonly text: string;
  readonly path: TopicPath;
}

export interface LabelError {
  /** 1-based line number. */
  readonly line: number;
  readonly reason: Message;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/**
 * Reads labelled JSONL. The label may be written with any separator (`\` `-` `/`), at level 1 only,
 * or split over `label1`/`label2`; other fields are ignored. `text` falls back to `title`.
 * WARNING: a line with an unknown label is reported in `errors`, never silently dropped or guessed.
 */
export function readLabelledJsonl(
  text: string,
  source = 'labelled',
): { examples: LabelledLine[]; errors: LabelError[] } {
  const examples: LabelledLine[] = [];
  const errors: LabelError[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '') return;
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch {
        errors.push({ line, reason: message('labelLineNotJson', { line }) });
        return;
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        errors.push({ line, reason: message('labelLineNotObject', { line }) });
        return;
      }
      const rec = obj as Record<string, unknown>;
      const body = str(rec.text) ?? str(rec.title);
      if (body === null) {
        errors.push({ line, reason: message('labelLineNoText', { line }) });
        return;
      }
      const label1 = str(rec.label1);
      const label2 = str(rec.label2);
      const rawLabel =
        str(rec.label) ??
        (label1 === null ? null : label2 === null ? label1 : `${label1}\\${label2}`);
      if (rawLabel === null) {
        errors.push({ line, reason: message('labelLineNoLabel', { line }) });
        return;
      }
      const result = normaliseTopic(rawLabel);
      if (!result.ok) {
        errors.push({
          line,
          reason: message('labelLineBadTopic', { line, reason: result.reason }),
        });
        return;
      }
      const id = str(rec.id) ?? String(line);
      examples.push({ id, text: body, path: result.path, source });
    });
  return { examples, errors };
}
