import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/domain/classifier';
import type {
  AuditEvent,
  LoadResult,
  OfficeModel,
  PullResponse,
  PushResponse,
} from '../../src/domain/team/contract';
import { createEnv } from '../test-support/env';
import { sampleNotices } from '../test-support/notices';
import { setupTeam } from '../test-support/team';
import { OFFICE_GENERATOR } from './train-worker';

describe('the office model', () => {
  it('trains in a worker thread on the final labels and serves the newest model with its provenance', async () => {
    const env = await createEnv('pglite');
    try {
      const team = await setupTeam(env, {
        doubleShare: 0,
        reviewOriginal: false,
        reviewSuggestionAbove: null,
      });
      const project = `/api/projects/${team.projectId}`;
      await team.reviewer.post(`${project}/notices`, {
        notices: sampleNotices(6, 2000).map((text) => ({ text })),
      });
      const premature = await team.reviewer.post(`${project}/model/train`);
      expect(premature.status).toBe(409);
      expect(premature.body).toMatchObject({ error: { code: 'no_final_labels' } });
      await team.clerkA.post(`${project}/take`, { count: 6 });
      const pulled = await team.clerkA.get<PullResponse>(`${project}/sync`);
      const pushed = await team.clerkA.post<PushResponse>(`${project}/sync`, {
        decisions: pulled.body.notices.map((n, i) => ({
          clientId: `model-${String(i).padStart(4, '0')}`,
          noticeId: n.id,
          path: n.suggestions?.[0]?.path ?? { label1: '其他', label2: null },
          decidedAt: new Date().toISOString(),
          baseRev: n.rev,
        })),
      });
      expect(pushed.body.results.every((r) => r.state === 'done')).toBe(true);

      const before = await team.clerkA.get<{ ref: { kind: string } }>(`${project}/model`);
      expect(before.body.ref.kind).toBe('shipped');
      const started = await team.reviewer.post<{ model: OfficeModel }>(`${project}/model/train`);
      expect(started.status).toBe(202);
      expect(started.body.model).toMatchObject({ status: 'training', provenance: { examples: 6 } });
      expect(started.body.model.provenance.dataHash).toMatch(/^[0-9a-f]{64}$/);

      let model: OfficeModel | undefined;
      for (let waited = 0; waited < 180_000; waited += 500) {
        const list = await team.clerkA.get<{ models: OfficeModel[] }>(`${project}/models`);
        model = list.body.models[0];
        if (model?.status !== 'training') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(model).toMatchObject({ status: 'ready', error: null });

      const current = await team.clerkA.get<{ ref: { kind: string; id: number } }>(
        `${project}/model`,
      );
      expect(current.body.ref).toMatchObject({ kind: 'office', id: model?.id });
      const file = await team.clerkA.get(`${project}/model/file`);
      expect(file.headers.get('x-model-kind')).toBe('office');
      const parsed = parseModel(file.body);
      expect(parsed.meta.generator).toBe(OFFICE_GENERATOR);
      expect(parsed.meta.dataHash).toBe(model?.provenance.dataHash);
      const unchanged = await team.clerkA.get(`${project}/model/file`, {
        headers: { 'if-none-match': file.headers.get('etag') ?? '' },
      });
      expect(unchanged.status).toBe(304);

      // Notices loaded from now on are scored with the office model.
      const later = await team.reviewer.post<LoadResult>(`${project}/notices`, {
        notices: sampleNotices(1, 2100).map((text) => ({ text })),
      });
      expect(later.body.model).toMatchObject({ kind: 'office', id: model?.id });

      const events = await team.reviewer.get<{ events: AuditEvent[] }>(
        `${project}/events?limit=1000`,
      );
      const kinds = events.body.events.map((e) => e.kind);
      expect(kinds).toContain('model.training');
      expect(kinds).toContain('model.ready');
    } finally {
      await env.close();
    }
  }, 240_000);
});
