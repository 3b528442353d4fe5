/**
 * The two baselines every figure stands beside: a plain lookup of the prior's terms, and the
 * previous release's model, run by the previous release's own code (taken from git, never copied
 * into the tree), so the comparison is with what clerks actually had.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KnowledgePrior, Prediction } from '../../src/domain/classifier/index';
import { compileLexicon, termCounts } from '../../src/domain/classifier/lexicon';
import { KNOWLEDGE, leavesOf, lexiconOf } from '../../src/domain/classifier/train';
import type { ParsedNotice } from '../../src/domain/notice/types';
import { TAXONOMY, taxonomyLeaves } from '../../src/domain/taxonomy/taxonomy';
import { repoRoot } from '../classifier/io';

/** A notice as the eval holds it: its text, parsed once by the current parser. */
export interface EvalNotice {
  readonly text: string;
  readonly parsed: ParsedNotice;
}

export type Predictor = (notice: EvalNotice) => Prediction;

const LEAVES = taxonomyLeaves(TAXONOMY);

/**
 * Counts the prior's terms in the notice (after its header) and ranks the leaves by the summed
 * weight of their terms; the score is the leaf's share of all the weight found. No training, no
 * regions, no calibration: what a 40-line word list does.
 */
export function lookupBaseline(prior: KnowledgePrior): Predictor {
  const lexicon = compileLexicon(lexiconOf(prior));
  const weightOf = new Map<string, { leaves: number[]; w: number }[]>();
  for (const entry of prior.terms) {
    const leaves = leavesOf(entry.path);
    const strong = new Set(entry.strong);
    const area = leaves.length > 1;
    for (const term of new Set([...entry.terms, ...entry.strong])) {
      const w = area ? KNOWLEDGE.areaTerm : strong.has(term) ? KNOWLEDGE.strong : KNOWLEDGE.term;
      const list = weightOf.get(term) ?? [];
      list.push({ leaves, w });
      weightOf.set(term, list);
    }
  }
  return ({ parsed }) => {
    const from = parsed.header ? parsed.header.span.end : 0;
    const scores = new Float64Array(LEAVES.length);
    for (const [term, count] of termCounts(parsed.text.slice(from), lexicon)) {
      for (const { leaves, w } of weightOf.get(term) ?? []) {
        for (const l of leaves) scores[l] = (scores[l] ?? 0) + (count * w) / leaves.length;
      }
    }
    let total = 0;
    for (const s of scores) total += s;
    const share = (s: number): number => (total === 0 ? 1 / LEAVES.length : s / total);
    const byClass = new Map<string, number>();
    LEAVES.forEach((p, i) =>
      byClass.set(p.label1, (byClass.get(p.label1) ?? 0) + share(scores[i] ?? 0)),
    );
    const top = [...scores.keys()]
      .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
      .slice(0, 5)
      .map((i) => ({
        path: LEAVES[i] ?? { label1: '', label2: null },
        score: share(scores[i] ?? 0),
      }));
    return {
      level1: [...byClass.entries()]
        .map(([label1, score]) => ({ label1, score }))
        .sort((a, b) => b.score - a.score || (a.label1 < b.label1 ? -1 : 1)),
      top,
      uncertain: (top[0]?.score ?? 0) < 0.5,
    };
  };
}

/** The release before this one: v0.1, the desk as clerks had it on 2026-11-29. */
export const PREVIOUS_RELEASE = {
  name: 'v0.1（2026-11-29）',
  commit: '5328655c4c940568489c892ed9c37915c3ac4987',
} as const;

interface OldClassification {
  readonly top: readonly { label1: string; label2: string | null; score: number }[];
  readonly level1: readonly { label1: string; score: number }[];
  readonly uncertain: boolean;
}

/**
 * The previous release's classifier and model, exported from git into a temporary folder and
 * imported as they were; null (with the reason) when the history is not at hand.
 */
export async function previousRelease(): Promise<
  { predictor: Predictor; cleanup: () => void } | { reason: string }
> {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-previous-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const archive = execFileSync(
      'git',
      ['archive', PREVIOUS_RELEASE.commit, 'src/domain', 'public/model/model.json'],
      { cwd: repoRoot, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  } catch {
    cleanup();
    return { reason: `git 历史中没有 ${PREVIOUS_RELEASE.commit.slice(0, 7)}（浅克隆？）` };
  }
  if (!existsSync(path.join(dir, 'node_modules'))) {
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  }
  const load = async <T>(file: string): Promise<T> =>
    (await import(pathToFileURL(path.join(dir, file)).href)) as T;
  const classifier = await load<{
    parseModel: (json: unknown) => unknown;
    classifyNotice: (model: unknown, parsed: unknown, options: object) => OldClassification;
  }>('src/domain/classifier/index.ts');
  const notice = await load<{ parseNotice: (text: string) => ParsedNotice }>(
    'src/domain/notice/index.ts',
  );
  const { readFileSync } = await import('node:fs');
  const model = classifier.parseModel(
    JSON.parse(readFileSync(path.join(dir, 'public/model/model.json'), 'utf8')),
  );
  // The previous release parsed with its own parser: it gets the text, not today's parse.
  const predictor: Predictor = ({ text }) => {
    const c = classifier.classifyNotice(model, notice.parseNotice(text), {
      k: 5,
      evidenceTerms: 0,
      evidenceSections: 0,
    });
    return {
      level1: c.level1,
      top: c.top.map((t) => ({ path: { label1: t.label1, label2: t.label2 }, score: t.score })),
      uncertain: c.uncertain,
    };
  };
  return { predictor, cleanup };
}
