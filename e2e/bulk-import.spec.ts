/**
 * Importing many files at once through the pool of desk workers: every notice scored and kept in
 * upload order, a repeated import adds nothing, and a cancelled import restarted loses and doubles
 * nothing. What was kept is read back from IndexedDB, the order a reload shows.
 */
import { expect, test, type Page } from '@playwright/test';
import { fileInput, notice, openDesk, queue, savedRecords } from './support/desk';

interface Kept {
  readonly name: string | null;
  readonly scored: boolean;
}

function noticeFiles(n: number): { name: string; mimeType: string; buffer: Buffer }[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `批量-${String(i + 1).padStart(4, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(
      notice(
        `关于做好第${i + 1}批社区养老服务工作的通知`,
        `各街镇:请做好第${i + 1}批居家养老服务和防汛物资储备工作。`,
        `沪示民〔2022〕${i + 1}号`,
      ),
      'utf8',
    ),
  }));
}

/** The notices stored, in the order the desk loads them (arrival), with whether each has suggestions. */
async function kept(page: Page): Promise<Kept[]> {
  const records = await savedRecords<{
    addedAt: string;
    source: { name: string | null };
    suggestions: unknown[] | null;
  }>(page);
  records.sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0));
  return records.map((r) => ({
    name: r.source.name,
    scored: Array.isArray(r.suggestions) && r.suggestions.length > 0,
  }));
}

function importProgress(page: Page) {
  return page.getByRole('progressbar', { name: '导入进度' });
}

test('200 files are all scored and kept in upload order; importing them again adds nothing', async ({
  page,
}) => {
  const files = noticeFiles(200);
  await openDesk(page);
  await fileInput(page).setInputFiles(files);
  await expect.poll(async () => (await kept(page)).length, { timeout: 30_000 }).toBe(200);
  await expect(importProgress(page)).toHaveCount(0);
  const stored = await kept(page);
  expect(stored.map((k) => k.name)).toEqual(files.map((f) => f.name));
  expect(stored.every((k) => k.scored)).toBe(true);

  await fileInput(page).setInputFiles(files);
  await expect(page.getByText('200 条已在队列中，未重复添加')).toBeVisible({ timeout: 30_000 });
  expect((await kept(page)).length).toBe(200);

  await page.reload();
  const rows = queue(page).getByRole('row').filter({ hasText: '社区养老服务工作的通知' });
  await expect(rows.first()).toContainText('关于做好第1批社区');
  await expect(rows.nth(1)).toContainText('关于做好第2批社区');
});

test('an import cancelled part-way and started again ends with every file once, in order', async ({
  page,
}) => {
  // Many files, so that the cancel lands well before the end on any machine.
  const files = noticeFiles(1500);
  await openDesk(page);
  await fileInput(page).setInputFiles(files);
  await expect(importProgress(page)).toHaveAttribute('aria-valuenow', /^[1-9]/, {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: '取消导入' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '导入已取消' })).toBeVisible({
    timeout: 30_000,
  });
  const before = await kept(page);
  expect(before.length).toBeGreaterThan(0);
  expect(before.length).toBeLessThan(files.length);
  expect(before.map((k) => k.name)).toEqual(files.slice(0, before.length).map((f) => f.name));

  await fileInput(page).setInputFiles(files);
  await expect(page.getByText(`${before.length} 条已在队列中，未重复添加`)).toBeVisible({
    timeout: 60_000,
  });
  const after = await kept(page);
  expect(after.map((k) => k.name)).toEqual(files.map((f) => f.name));
  expect(after.every((k) => k.scored)).toBe(true);
});
