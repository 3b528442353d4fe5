/**
 * classifyNotice: the top suggestions for a parsed notice, with calibrated scores and evidence
 * (the terms and sections that moved each suggestion), deterministic for a given model.
 */
import type { ParsedNotice, Section, Span } from '../notice/types';
import { topicKey } from '../taxonomy/taxonomy';
import {
  featurise,
  featuriseText,
  LEVEL1_PREFIX,
  regionPosition,
  type Features,
} from './featurise';
import { termMatches } from './lexicon';
import type { Model, WeightRow } from './model';
import { firedConventions, isUncertain, level1Scores, probabilities } from './score';
import type { Classification, Evidence, SectionEvidence, Suggestion } from './types';

export interface ClassifyOptions {
  /** How many suggestions; 5 by default. */
  readonly k?: number;
  /** Evidence terms per suggestion; 5 by default. */
  readonly evidenceTerms?: number;
  /** Sections per suggestion; 2 by default. */
  readonly evidenceSections?: number;
}

/** The weight of `feature` for leaf `label` relative to the average leaf: what it does for this leaf. */
function relativeWeight(model: Model, feature: string, label: number): number {
  const row = model.weights.get(feature);
  if (!row) return 0;
  const at = row.labels.indexOf(label);
  const own = at < 0 ? 0 : (row.values[at] ?? 0);
  return own - rowMean(model, row);
}

/** Rows are immutable once a model is built, so each one's mean over the leaves is computed once. */
const rowMeans = new WeakMap<WeightRow, number>();

function rowMean(model: Model, row: WeightRow): number {
  let mean = rowMeans.get(row);
  if (mean === undefined) {
    let sum = 0;
    for (const v of row.values) sum += v;
    mean = sum / model.labels.length;
    rowMeans.set(row, mean);
  }
  return mean;
}

/** The readable term behind a feature, or null for features that are not words a clerk would see. */
function featureTerm(feature: string): string | null {
  const colon = feature.indexOf(':');
  const kind = feature.slice(0, colon);
  if (kind === 't' || kind === 'l' || kind === 'p' || kind === 'g' || kind === 'tg') {
    return feature.slice(colon + 1);
  }
  return null;
}

const isNgram = (feature: string): boolean => feature.startsWith('g:') || feature.startsWith('tg:');

/** Where `term` stands in the text, in every region that holds it verbatim, outside the header. */
function occurrences(features: Features, term: string, headerless: readonly Span[]): Span[] {
  const spans: Span[] = [];
  const seen = new Set<number>();
  for (const region of features.regions) {
    let at = region.text.indexOf(term);
    while (at >= 0) {
      const start = regionPosition(region, at);
      const last = regionPosition(region, at + term.length - 1);
      if (
        start >= 0 &&
        last >= start &&
        !seen.has(start) &&
        headerless.every((h) => start >= h.end || start < h.start)
      ) {
        seen.add(start);
        spans.push({ start, end: last + 1 });
      }
      at = region.text.indexOf(term, at + 1);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * For each n-gram, the longest word or prior term of the notice that contains it (ties: first in
 * code-unit order), so the clerk sees 社会救助 rather than 会救. Built once per notice.
 */
function ngramHosts(features: Features): Map<string, string> {
  const words = [
    ...new Set(
      [...features.values.keys()].flatMap((f) => {
        const term = isNgram(f) ? null : featureTerm(f);
        return term === null ? [] : [term];
      }),
    ),
  ].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const hosts = new Map<string, string>();
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      for (let j = i + 1; j <= w.length; j++) {
        const gram = w.slice(i, j);
        if (!hosts.has(gram)) hosts.set(gram, w);
      }
    }
  }
  return hosts;
}

/**
 * What the level-1 keyword features (`kt:` / `kb:`, one per class) did for a leaf, credited to the
 * keywords of that class found in the region, in equal parts: the clerk sees 学校, not a class name.
 */
function keywordCredit(model: Model, features: Features, label: number): Map<string, number> {
  const out = new Map<string, number>();
  const level1 = model.compiled.level1;
  if (!level1) return out;
  const regions = [
    [LEVEL1_PREFIX.title, 'title'],
    [LEVEL1_PREFIX.body, 'body'],
  ] as const;
  for (const [prefix, kind] of regions) {
    const text = features.regions.find((r) => r.kind === kind)?.text ?? '';
    const byClass = new Map<string, Set<string>>();
    for (const m of termMatches(text, level1.lexicon)) {
      const label1 = level1.classOf.get(m.term);
      if (label1 === undefined) continue;
      const words = byClass.get(label1) ?? new Set<string>();
      words.add(m.term);
      byClass.set(label1, words);
    }
    for (const [label1, words] of byClass) {
      const feature = prefix + label1;
      const c = (features.values.get(feature) ?? 0) * relativeWeight(model, feature, label);
      for (const w of words) out.set(w, (out.get(w) ?? 0) + c / words.size);
    }
  }
  return out;
}

function termEvidence(
  model: Model,
  parsed: ParsedNotice,
  features: Features,
  hosts: ReadonlyMap<string, string>,
  label: number,
  limit: number,
): Evidence[] {
  if (limit <= 0) return [];
  const byTerm = new Map<string, number>();
  for (const [word, c] of keywordCredit(model, features, label)) {
    byTerm.set(word, (byTerm.get(word) ?? 0) + c);
  }
  for (const [feature, x] of features.values) {
    const term = featureTerm(feature);
    if (term === null) continue;
    const c = x * relativeWeight(model, feature, label);
    if (c === 0) continue;
    // An n-gram is shown as the term that holds it (社会救助, not 会救); in the short title an
    // n-gram no term holds is shown as it is.
    const credited = isNgram(feature)
      ? (hosts.get(term) ?? (feature.startsWith('tg:') ? term : undefined))
      : term;
    if (credited !== undefined) byTerm.set(credited, (byTerm.get(credited) ?? 0) + c);
  }
  const header = parsed.header ? [parsed.header.span] : [];
  const ranked = [...byTerm.entries()]
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out: Evidence[] = [];
  for (const [term, weight] of ranked) {
    // A shorter term inside one already shown adds nothing for the clerk.
    if (out.some((e) => e.term.includes(term))) continue;
    const spans = occurrences(features, term, header);
    if (spans.length === 0) continue;
    out.push({ term, weight: Math.round(weight * 1000) / 1000, spans });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * The title phrase of each convention that moved probability to `path` (工作要点 → X\其他,
 * 组成人员 → 议事协调机构), so the clerk sees why. Its weight is log(1 / (1 − share)): the factor by
 * which the convention at least multiplies the leaf's probability when it was small.
 */
function conventionEvidence(
  model: Model,
  features: Features,
  conventions: ReturnType<typeof firedConventions>,
  path: { readonly label1: string; readonly label2: string | null },
): Evidence[] {
  const out: Evidence[] = [];
  for (const { id, override } of conventions) {
    const applies =
      override.target === 'area-other'
        ? path.label2 === '其他'
        : topicKey(path) === override.target;
    const rule = model.compiled.rules.find((r) => r.id === id);
    if (!applies || !rule) continue;
    const title = features.regions.find((r) => r.kind === 'title');
    const m = title ? rule.title.exec(title.text) : null;
    if (!title || !m || m[0] === '') continue;
    const start = regionPosition(title, m.index);
    const last = regionPosition(title, m.index + m[0].length - 1);
    out.push({
      term: m[0],
      weight: Math.round(Math.log(1 / (1 - override.share)) * 1000) / 1000,
      spans: start >= 0 && last >= start ? [{ start, end: last + 1 }] : [],
    });
  }
  return out;
}

/** Convention phrases first; a term already shown as one is not repeated. */
function withConventions(conventions: Evidence[], terms: Evidence[]): Evidence[] {
  const shown = new Set(conventions.map((e) => e.term));
  return [...conventions, ...terms.filter((e) => !shown.has(e.term))];
}

function flatten(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

function sectionEvidence(
  model: Model,
  sectionFeatures: readonly (readonly [Section, Map<string, number>])[],
  label: number,
  limit: number,
): SectionEvidence[] {
  const scored = sectionFeatures.map(([section, values]) => {
    let weight = 0;
    for (const [feature, x] of values) weight += x * relativeWeight(model, feature, label);
    return { heading: section.heading, span: section.headingSpan, weight };
  });
  return scored
    .filter((s) => s.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.span.start - b.span.start)
    .slice(0, limit)
    .map((s) => ({ ...s, weight: Math.round(s.weight * 1000) / 1000 }));
}

/** Ranks the model's leaves for a notice. Never reads the header's 主题分类. */
export function classifyNotice(
  model: Model,
  parsed: ParsedNotice,
  options: ClassifyOptions = {},
): Classification {
  const k = options.k ?? 5;
  const features = featurise(parsed, model.settings, model.compiled);
  const probs = probabilities(model, features);
  const level1 = level1Scores(model, probs);
  const order = [...probs.keys()].sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0) || a - b);
  const conventions = firedConventions(model, features);
  const evidenceTerms = options.evidenceTerms ?? 5;
  const hosts = evidenceTerms > 0 ? ngramHosts(features) : new Map<string, string>();
  const header = parsed.header?.span ?? null;
  const sectionCount = options.evidenceSections ?? 2;
  // Featurising every section is most of the cost; a batch that keeps no section evidence skips it.
  const sections = sectionCount > 0 ? flatten(parsed.sections) : [];
  const sectionFeatures = sections
    .filter((s) => !(header && s.span.start < header.end && header.start < s.span.end))
    .map(
      (s) =>
        [
          s,
          featuriseText(
            parsed.text.slice(s.span.start, s.span.end),
            model.settings,
            model.compiled,
          ),
        ] as const,
    );
  const top: Suggestion[] = order.slice(0, k).map((label) => {
    const path = model.labels[label] ?? { label1: '', label2: null };
    return {
      label1: path.label1,
      label2: path.label2,
      path: topicKey(path),
      score: probs[label] ?? 0,
      score1: level1.get(path.label1) ?? 0,
      evidence: withConventions(
        conventionEvidence(model, features, conventions, path),
        termEvidence(model, parsed, features, hosts, label, evidenceTerms),
      ).slice(0, evidenceTerms),
      sections: sectionEvidence(model, sectionFeatures, label, sectionCount),
    };
  });
  return {
    top,
    level1: [...level1.entries()]
      .map(([label1, score]) => ({ label1, score }))
      .sort((a, b) => b.score - a.score || (a.label1 < b.label1 ? -1 : 1)),
    uncertain: isUncertain(model, probs),
  };
}
