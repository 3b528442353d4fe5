import { expect, it } from 'vitest';
import { encodeLegacy } from '../../src/domain/intake/test-support/legacy-encode';
import type { LoadResult, NoticePage } from '../../src/domain/team/contract';
import { makeDocx } from '../../src/domain/intake/test-support/docx';
import { forEachDatabase } from '../test-support/env';
import { sampleNotice, sampleNotices } from '../test-support/notices';
import { setupTeam, type Team } from '../test-support/team';

const LIMITS = { jsonLimit: 64 * 1024, uploadLimit: 256 * 1024 };

function upload(team: Team, files: { name: string; bytes: Uint8Array | string }[]) {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([f.bytes]), f.name);
  return team.reviewer.call<LoadResult>('POST', `/api/projects/${team.projectId}/files`, {
    body: form,
  });
}

async function noticeCount(team: Team): Promise<number> {
  const page = await team.reviewer.get<NoticePage>(
    `/api/projects/${team.projectId}/notices?limit=1000`,
  );
  return page.body.notices.length;
}

forEachDatabase(
  'loading notices',
  (env) => {
    it('parses and scores pasted notices, and never loads the same notice twice', async () => {
      const team = await setupTeam(env());
      const notices = sampleNotices(2, 1000).map((text) => ({ text, name: '粘贴' }));
      const first = await team.reviewer.post<LoadResult>(
        `/api/projects/${team.projectId}/notices`,
        { notices },
      );
      expect(first.status).toBe(201);
      expect(first.body.added).toHaveLength(2);
      expect(first.body.model).toMatchObject({ kind: 'shipped', id: null });
      const again = await team.reviewer.post<LoadResult>(
        `/api/projects/${team.projectId}/notices`,
        { notices },
      );
      expect(again.body).toMatchObject({ added: [], duplicates: 2 });
      const page = await team.reviewer.get<NoticePage>(`/api/projects/${team.projectId}/notices`);
      const [welfare] = page.body.notices;
      expect(welfare?.meta.issuer).toBe('上海市崇明区民政局');
      expect(welfare?.originalTopic).toEqual({ label1: '民政、扶贫、救灾', label2: '社会福利' });
      expect(welfare?.suggestions?.[0]?.path.label1).toBe('民政、扶贫、救灾');
    });

    it('lists an empty paste with the desk’s reason in Chinese, and loads the others', async () => {
      const team = await setupTeam(env());
      const reply = await team.reviewer.post<LoadResult>(
        `/api/projects/${team.projectId}/notices`,
        {
          notices: [{ text: ' \n ' }, { text: sampleNotice(1200) }, { text: '　\t', name: '草稿' }],
        },
      );
      expect(reply.status).toBe(201);
      expect(reply.body.added).toHaveLength(1);
      expect(reply.body.errors).toEqual([
        { source: '第 1 篇', reason: '粘贴内容为空：请先粘贴公文全文。' },
        { source: '草稿', reason: '粘贴内容为空：请先粘贴公文全文。' },
      ]);
    });

    it('reads the desk’s file types, with the catalogue’s label as 原标注, and lists what it cannot read', async () => {
      const team = await setupTeam(env());
      const csv =
        '\uFEFF标题,正文,主题分类,发布机构\r\n' +
        '关于做好防汛工作的通知,各单位要做好防汛准备。,"农业、林业、水利\\水利",某市水务局\r\n' +
        '无标签的行,正文,,某局\r\n';
      const jsonl =
        JSON.stringify({ text: sampleNotice(1101, { header: false }), label: '卫生、体育-卫生' }) +
        '\n';
      const reply = await upload(team, [
        { name: '通知.txt', bytes: encodeLegacy(sampleNotice(1100), 'gb18030') },
        {
          name: '页面.html',
          bytes: `<html><body><p>${sampleNotice(1102).replace(/\n/g, '</p><p>')}</p></body></html>`,
        },
        { name: '文件.docx', bytes: await makeDocx(sampleNotice(1103).split('\n')) },
        { name: '目录.csv', bytes: csv },
        { name: '标注.jsonl', bytes: jsonl },
        { name: '扫描件.pdf', bytes: '%PDF-1.4 ...' },
        { name: '空的.txt', bytes: '' },
      ]);
      expect(reply.status).toBe(201);
      expect(reply.body.added).toHaveLength(5);
      // The desk's intake reasons, worded in Chinese by the server.
      expect(reply.body.errors).toEqual([
        { source: '目录.csv:3', reason: '主题分类为空，已跳过' },
        { source: '扫描件.pdf', reason: expect.stringMatching(/类型不受支持/) },
        { source: '空的.txt', reason: '文件“空的.txt”是空的，没有可读取的内容' },
      ]);
      const page = await team.reviewer.get<NoticePage>(`/api/projects/${team.projectId}/notices`);
      // In upload order: GB18030 .txt (read as Chinese, never mojibake), .html, .docx, CSV, JSONL.
      expect(page.body.notices.map((n) => n.meta.title)).toEqual([
        '关于做好困难群众基本生活保障和养老服务工作的通知（第1101号）',
        '关于加强基层医疗卫生机构疾病预防控制工作的通知（第1103号）',
        '关于下达2026年财政预算资金的通知（第1104号）',
        '关于做好防汛工作的通知',
        '关于做好中小学暑期安全教育工作的通知（第1102号）',
      ]);
      const [, , , flood, labelled] = page.body.notices;
      expect(flood?.originalTopic).toEqual({ label1: '农业、林业、水利', label2: '水利' });
      expect(flood?.meta.topicRaw).toBe('农业、林业、水利\\水利');
      expect(labelled?.originalTopic).toEqual({ label1: '卫生、体育', label2: '卫生' });
    });

    it('answers bad input with a 4xx and a Chinese message, writing nothing', async () => {
      const team = await setupTeam(env());
      const path = `/api/projects/${team.projectId}/notices`;
      const big = await team.reviewer.post(path, { notices: [{ text: '公'.repeat(40_000) }] });
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ error: { code: 'body_too_large' } });
      const asText = await team.reviewer.call('POST', path, {
        body: 'not json',
        headers: { 'content-type': 'text/plain' },
      });
      expect(asText.status).toBe(415);
      const empty = await team.reviewer.post(path, { notices: [] });
      expect(empty.status).toBe(400);
      expect(JSON.stringify(empty.body)).toMatch(/notices：长度不能少于 1/);
      const wrong = await team.reviewer.post(path, { notices: [{ text: 42 }] });
      expect(wrong.status).toBe(400);
      expect(JSON.stringify(wrong.body)).toMatch(/notices\.0\.text：应为字符串/);
      const unknownField = await team.reviewer.post(path, {
        notices: [{ text: 'x' }],
        force: true,
      });
      expect(JSON.stringify(unknownField.body)).toMatch(/force：不允许的字段/);
      const hugeFile = await upload(team, [{ name: 'big.txt', bytes: '公'.repeat(100_000) }]);
      expect(hugeFile.status).toBe(413);
      const jsonToFiles = await team.reviewer.post(`/api/projects/${team.projectId}/files`, {});
      expect(jsonToFiles.status).toBe(415);
      expect(await noticeCount(team)).toBe(0);
      const unknownProject = await team.admin.get('/api/projects/999999/notices');
      expect(unknownProject.status).toBe(404);
    });
  },
  { config: LIMITS },
);
