/**
 * Agreement between labellers: Cohen's kappa on notices labelled independently by two clerks, per
 * class (one class against the rest), and each clerk's agreement with the final label.
 * Labels are opaque strings here (the caller passes topicKey or label1, whichever level it measures).
 */

/** Two labels given to the same notice by two clerks, in the order they were given. */
export type LabelPair = readonly [first: string, second: string];

export interface Kappa {
  /**
   * Cohen's kappa, (observed − expected) / (1 − expected). null when nothing was double-labelled,
   * or when chance alone explains the agreement fully (both clerks only ever gave one same label),
   * where the statistic is undefined rather than 1.
   */
  readonly kappa: number | null;
  /** Share of pairs that agree. */
  readonly observed: number;
  /** Share of pairs expected to agree by chance, from each position's label frequencies. */
  readonly expected: number;
  /** Number of pairs. */
  readonly n: number;
}

function countBy(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * Cohen's kappa over pairs. With different clerks on different notices the two "raters" are the
 * first and the second decision of each pair: the usual reading when a share of items gets a second
 * independent label.
 */
export function cohensKappa(pairs: readonly LabelPair[]): Kappa {
  const n = pairs.length;
  if (n === 0) return { kappa: null, observed: 0, expected: 0, n: 0 };
  const agreed = pairs.filter(([a, b]) => a === b).length;
  const firsts = countBy(pairs.map(([a]) => a));
  const seconds = countBy(pairs.map(([, b]) => b));
  let expected = 0;
  for (const [label, count] of firsts) expected += (count / n) * ((seconds.get(label) ?? 0) / n);
  const observed = agreed / n;
  // Floating error can leave 1 − 1e-16: treat it as 1 (undefined kappa), not as a huge ratio.
  const kappa = 1 - expected < 1e-12 ? null : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, n };
}

export interface ClassKappa extends Kappa {
  readonly label: string;
  /** How many of the 2n labels were this class. */
  readonly support: number;
}

/**
 * Kappa of each class against all others (did both clerks say "this class" or both "not this
 * class"?), for every class that either clerk used, most used first.
 */
export function classKappas(pairs: readonly LabelPair[]): ClassKappa[] {
  const support = countBy(pairs.flatMap(([a, b]) => [a, b]));
  return [...support.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([label, count]) => ({
      label,
      support: count,
      ...cohensKappa(pairs.map(([a, b]): LabelPair => [String(a === label), String(b === label)])),
    }));
}

/** One labeller's decision on a notice that has a final label. */
export interface RatedDecision {
  readonly rater: string;
  readonly label: string;
  readonly final: string;
}

export interface RaterAgreement {
  readonly rater: string;
  /** Decisions on notices that have a final label. */
  readonly n: number;
  /** Of those, how many gave the final label. */
  readonly agreed: number;
  /** agreed / n; null when n = 0. */
  readonly rate: number | null;
}

/** Each labeller's agreement with the final labels, in the order labellers first appear. */
export function agreementWithFinal(decisions: readonly RatedDecision[]): RaterAgreement[] {
  const byRater = new Map<string, { n: number; agreed: number }>();
  for (const d of decisions) {
    const tally = byRater.get(d.rater) ?? { n: 0, agreed: 0 };
    tally.n += 1;
    if (d.label === d.final) tally.agreed += 1;
    byRater.set(d.rater, tally);
  }
  return [...byRater.entries()].map(([rater, { n, agreed }]) => ({
    rater,
    n,
    agreed,
    rate: n === 0 ? null : agreed / n,
  }));
}
