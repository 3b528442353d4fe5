/** A project's agreement figures from its decisions, with the pure functions of src/domain/agreement. */
import {
  agreementWithFinal,
  classKappas,
  cohensKappa,
  type LabelPair,
} from '../../src/domain/agreement';
import type { Agreement } from '../../src/domain/team/contract';
import { topicKey, type TopicPath } from '../../src/domain/taxonomy/taxonomy';
import type { Queryable } from '../db/database';

interface LatestRow {
  notice_id: number;
  user_id: number;
  name: string;
  path: TopicPath;
  required: number;
  final_topic: TopicPath | null;
}

export async function projectAgreement(db: Queryable, projectId: number): Promise<Agreement> {
  // Each clerk's latest decision per notice, clerks in the order they first decided it.
  const rows = await db.query<LatestRow>(
    `SELECT l.notice_id, l.user_id, u.name, l.path, n.required, n.final_topic
     FROM (
       SELECT DISTINCT ON (d.notice_id, d.user_id) d.notice_id, d.user_id, d.path,
              min(d.id) OVER (PARTITION BY d.notice_id, d.user_id) AS first_id
       FROM decisions d JOIN notices dn ON dn.id = d.notice_id
       WHERE dn.project_id = $1
       ORDER BY d.notice_id, d.user_id, d.decided_at DESC, d.id DESC
     ) l
     JOIN notices n ON n.id = l.notice_id
     JOIN users u ON u.id = l.user_id
     ORDER BY l.notice_id, l.first_id`,
    [projectId],
  );
  const [planned] = await db.query<{ count: number }>(
    'SELECT count(*) AS count FROM notices WHERE project_id = $1 AND required = 2',
    [projectId],
  );
  const byNotice = new Map<number, LatestRow[]>();
  for (const r of rows) byNotice.set(r.notice_id, [...(byNotice.get(r.notice_id) ?? []), r]);

  const leafPairs: LabelPair[] = [];
  const classPairs: LabelPair[] = [];
  for (const decisions of byNotice.values()) {
    const [a, b] = decisions;
    if (!a || !b || a.required !== 2) continue;
    leafPairs.push([topicKey(a.path), topicKey(b.path)]);
    classPairs.push([a.path.label1, b.path.label1]);
  }
  const names = new Map(rows.map((r) => [String(r.user_id), r.name]));
  const clerks = agreementWithFinal(
    rows.flatMap((r) =>
      r.final_topic === null
        ? []
        : [{ rater: String(r.user_id), label: topicKey(r.path), final: topicKey(r.final_topic) }],
    ),
  );
  return {
    doubleLabelled: { planned: planned?.count ?? 0, complete: leafPairs.length },
    kappa: { level1: cohensKappa(classPairs), level2: cohensKappa(leafPairs) },
    perClass: classKappas(classPairs).map(({ label, ...figure }) => ({ label1: label, ...figure })),
    clerks: clerks.map((c) => ({
      userId: Number(c.rater),
      name: names.get(c.rater) ?? '',
      n: c.n,
      agreed: c.agreed,
      rate: c.rate,
    })),
  };
}
