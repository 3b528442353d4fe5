/** Projects, their settings and members. */
import type { Member, Project, Role } from '../../src/domain/team/contract';
import { DEFAULT_REVIEW_RULES, type ReviewRules } from '../../src/domain/team/settle';
import type { Queryable } from '../db/database';

interface ProjectRow {
  id: number;
  name: string;
  description: string | null;
  double_share: number;
  review_suggestion_above: number | null;
  review_original: boolean;
  created_at: string;
  open: number;
  review: number;
  done: number;
  unassigned: number;
}

const PROJECT_SELECT = `
  SELECT p.id, p.name, p.description, p.double_share, p.review_suggestion_above, p.review_original,
         p.created_at,
         count(n.id) FILTER (WHERE n.state = 'open') AS open,
         count(n.id) FILTER (WHERE n.state = 'review') AS review,
         count(n.id) FILTER (WHERE n.state = 'done') AS done,
         count(n.id) FILTER (WHERE n.assignees < n.required) AS unassigned
  FROM projects p LEFT JOIN notices n ON n.project_id = p.id`;

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    doubleShare: row.double_share,
    reviewSuggestionAbove: row.review_suggestion_above,
    reviewOriginal: row.review_original,
    createdAt: row.created_at,
    counts: { open: row.open, review: row.review, done: row.done, unassigned: row.unassigned },
  };
}

/** Every project for an admin or (null) …, else the ones `memberId` belongs to. */
export async function listProjects(db: Queryable, memberId: number | null): Promise<Project[]> {
  const rows = await db.query<ProjectRow>(
    `${PROJECT_SELECT}
     WHERE $1::integer IS NULL
        OR p.id IN (SELECT project_id FROM project_members WHERE user_id = $1)
     GROUP BY p.id ORDER BY p.id`,
    [memberId],
  );
  return rows.map(toProject);
}

export async function findProject(db: Queryable, id: number): Promise<Project | null> {
  const [row] = await db.query<ProjectRow>(`${PROJECT_SELECT} WHERE p.id = $1 GROUP BY p.id`, [id]);
  return row ? toProject(row) : null;
}

export interface ProjectRules {
  readonly doubleShare: number;
  readonly review: ReviewRules;
}

export async function projectRules(db: Queryable, id: number): Promise<ProjectRules> {
  const [row] = await db.query<{
    double_share: number;
    review_suggestion_above: number | null;
    review_original: boolean;
  }>('SELECT double_share, review_suggestion_above, review_original FROM projects WHERE id = $1', [
    id,
  ]);
  if (!row) return { doubleShare: 0, review: DEFAULT_REVIEW_RULES };
  return {
    doubleShare: row.double_share,
    review: { suggestionAbove: row.review_suggestion_above, original: row.review_original },
  };
}

interface MemberRow {
  user_id: number;
  name: string;
  display_name: string | null;
  role: Role;
  added_at: string;
}

export async function listMembers(db: Queryable, projectId: number): Promise<Member[]> {
  const rows = await db.query<MemberRow>(
    `SELECT m.user_id, u.name, u.display_name, u.role, m.added_at
     FROM project_members m JOIN users u ON u.id = m.user_id
     WHERE m.project_id = $1 ORDER BY u.name`,
    [projectId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    displayName: r.display_name,
    role: r.role,
    addedAt: r.added_at,
  }));
}
