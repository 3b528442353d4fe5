/**
 * The cataloguing conventions an office follows otherwise than gov.cn: each convention's share in
 * the shipped model (gov.cn's habit, as the knowledge prior states it) beside the share the
 * office's local model learnt from its history (trainModel refits them), where the two differ
 * enough for the clerk to be told.
 */
import type { Model } from '../classifier';

export interface ConventionHabit {
  readonly id: string;
  /** What the convention is about, in a few words (the rule's name, else its id). */
  readonly name: string;
  /** How often gov.cn follows it (the shipped model's share). */
  readonly usual: number;
  /** How often this office does, as its model learnt (0: it files such notices by their words). */
  readonly office: number;
}

/** Shares closer than this are the same habit: a local fit moves a little on any history. */
export const HABIT_DIFFERENCE = 0.15;

export function conventionHabits(local: Model, shipped: Model): ConventionHabit[] {
  const learnt = new Map(local.lexicon.rules.map((r) => [r.id, r.override?.share ?? 0]));
  return shipped.lexicon.rules.flatMap((rule) => {
    const usual = rule.override?.share;
    const office = learnt.get(rule.id);
    if (usual === undefined || office === undefined) return [];
    if (Math.abs(office - usual) < HABIT_DIFFERENCE) return [];
    return [{ id: rule.id, name: rule.name ?? rule.id, usual, office }];
  });
}
