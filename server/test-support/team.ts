/** A project with its people, made through the API as an office's admin would. */
import type { Project } from '../../src/domain/team/contract';
import type { ApiClient } from './client';
import type { TestEnv } from './env';

export interface Team {
  readonly admin: ApiClient;
  readonly reviewer: ApiClient;
  readonly clerkA: ApiClient;
  readonly clerkB: ApiClient;
  readonly ids: { readonly reviewer: number; readonly clerkA: number; readonly clerkB: number };
  readonly projectId: number;
}

let teams = 0;

/** Users named `<prefix>-…`, so suites sharing a database never collide. */
export async function setupTeam(
  env: TestEnv,
  settings: Record<string, unknown> = {},
): Promise<Team> {
  const prefix = `t${++teams}`;
  await env.seedUser(`${prefix}-admin`, 'admin');
  const admin = await env.as(`${prefix}-admin`);
  const create = async (name: string, role: string): Promise<number> => {
    const reply = await admin.post<{ user: { id: number } }>('/api/users', {
      name: `${prefix}-${name}`,
      role,
      password: 'correct horse battery staple',
    });
    if (reply.status !== 201) throw new Error(`create ${name}: ${reply.text}`);
    return reply.body.user.id;
  };
  const ids = {
    reviewer: await create('reviewer', 'reviewer'),
    clerkA: await create('clerk-a', 'clerk'),
    clerkB: await create('clerk-b', 'clerk'),
  };
  const project = await admin.post<{ project: Project }>('/api/projects', {
    name: `${prefix} 项目`,
    ...settings,
  });
  if (project.status !== 201) throw new Error(`create project: ${project.text}`);
  const projectId = project.body.project.id;
  for (const id of Object.values(ids)) {
    const added = await admin.put(`/api/projects/${projectId}/members/${id}`);
    if (added.status !== 200) throw new Error(`add member: ${added.text}`);
  }
  return {
    admin,
    reviewer: await env.as(`${prefix}-reviewer`),
    clerkA: await env.as(`${prefix}-clerk-a`),
    clerkB: await env.as(`${prefix}-clerk-b`),
    ids,
    projectId,
  };
}
