/** Issue 11: nothing surprising — garbled text is flagged first, a finished batch and a resume say so. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  fixtureCase,
  notice,
  openDesk,
  pasteBox,
  pasteNotice,
  queueRow,
  suggestions,
} from './support/desk';

const c = fixtureCase();

test('a garbled paste is flagged before it is added; added anyway, the notice keeps the warning', async ({
  page,
}) => {
  await openDesk(page);
  const garbled = notice('关于锟斤拷做好烫烫烫工作的通知', '各单位：锟斤拷锟斤拷请认真贯彻。');
  await pasteNotice(page, garbled);
  const warning = page.getByRole('alert').filter({ hasText: /编码错了/ });
  await expect(warning).toContainText('锟斤拷');
  await expect(queueRow(page, '锟斤拷')).toHaveCount(0);
  await expect(pasteBox(page)).toBeFocused();

  await warning.getByRole('button', { name: '仍然添加' }).click();
  await expect(queueRow(page, '锟斤拷')).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: /这条公文的文字像是编码错了/ }),
  ).toBeVisible();
});

test('the last decision of a batch says so and offers the CSV', async ({ page }) => {
  await openDesk(page);
  await pasteNotice(page, c.text);
  await expect(suggestions(page).getByRole('button').first()).toBeVisible();
  const done = page.getByRole('status').filter({ hasText: '本批 1 条公文已全部标注完' });
  await expect(done).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(done).toBeVisible();
  const download = page.waitForEvent('download');
  await done.getByRole('button', { name: '导出 CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});

test('resuming from a JSONL confirms what it read and what it changed', async ({ page }) => {
  await openDesk(page);
  await pasteNotice(page, c.text);
  await expect(queueRow(page, c.titleFragment)).toBeVisible();
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 JSONL' }).click();
  const jsonl = readFileSync(await (await downloaded).path());

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /继续工作/ }).click();
  await (
    await chooser
  ).setFiles({ name: 'work.jsonl', mimeType: 'application/x-ndjson', buffer: jsonl });
  await expect(
    page.getByRole('status').filter({ hasText: /已从“work\.jsonl”继续工作/ }),
  ).toContainText('读到 1 条，新增 0 条，更新 0 条，1 条本台已是最新');
});

test('a history whose labels conflict is merged only once the clerk has chosen which wins', async ({
  page,
}) => {
  await openDesk(page);
  await page.getByRole('tab', { name: /学习/ }).click();
  const text = '关于做好养老服务工作的通知\n各区民政局：请做好养老服务。';
  const lines = [
    { text, label: '民政、扶贫、救灾\\社会福利' },
    { text, label: '劳动、人事、监察\\社会保障' },
  ];
  await page.getByLabel('选择历史公文文件', { exact: true }).setInputFiles({
    name: 'history.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')),
  });
  const conflicts = page.getByRole('region', { name: /标签冲突：1 条公文/ });
  await expect(conflicts).toContainText('标签冲突 1 条');
  const group = conflicts.getByRole('group', { name: '关于做好养老服务工作的通知' });
  await expect(group.getByRole('radio', { name: /民政、扶贫、救灾\\社会福利/ })).toBeChecked();
  await group.getByRole('radio', { name: /劳动、人事、监察\\社会保障/ }).check();
  await conflicts.getByRole('button', { name: '按所选标签导入' }).click();
  await expect(conflicts).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /读取 2 条，新增 1 条/ })).toBeVisible();
});
