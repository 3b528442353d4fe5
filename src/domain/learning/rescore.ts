/**
 * After a decision the model has changed, so the pending notices are scored again: those nearest
 * to the clerk's place in the queue first (the next few are what they read next), in chunks.
 */

/** Pending ids ordered by distance from `current` in `order`; at equal distance, the one after first. */
export function rescoreOrder(
  order: readonly string[],
  isPending: (id: string) => boolean,
  current: string | null,
): string[] {
  const at = current === null ? -1 : order.indexOf(current);
  const origin = at === -1 ? 0 : at;
  return order
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => isPending(id))
    .sort((a, b) => {
      const da = a.i - origin;
      const db = b.i - origin;
      const distance = Math.abs(da) - Math.abs(db);
      return distance !== 0 ? distance : db - da;
    })
    .map(({ id }) => id);
}

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
