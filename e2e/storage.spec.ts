/** Issue 6: storage under pressure — two tabs, a full disk, and no request leaving the machine. */
import { expect, test } from '@playwright/test';
import { ORIGIN } from '../playwright.config';
import {
  alertWithText,
  confirmSuggestion,
  exportCsvBytes,
  fileInput,
  fixtureCase,
  notice,
  openDesk,
  overrideWith,
  pasteNotice,
  queue,
  queueRow,
  savedCounts,
  suggestions,
} from './support/desk';

const good = fixtureCase();

test('two tabs deciding the same notice never overwrite each other silently', async ({
  context,
}) => {
  const a = await context.newPage();
  await openDesk(a);
  await pasteNotice(a, good.text);
  await expect(suggestions(a).getByRole('listitem').first()).toBeVisible();

  const b = await context.newPage();
  await openDesk(b);
  await queueRow(b, good.titleFragment).click();

  await confirmSuggestion(a);
  await expect(queueRow(a, good.titleFragment)).toContainText('已确认');

  await overrideWith(b, '科技', /科技/);
  await confirmSuggestion(b);
  // Either B was told about A's decision, or B warns of the conflict; never a silent overwrite.
  const coordinated = queueRow(b, good.titleFragment).filter({ hasText: '已确认' });
  const warned = b.getByRole('alert').filter({ hasText: /冲突|其他标签页|另一个|已被修改/ });
  await expect(coordinated.or(warned).first()).toBeVisible();

  await a.reload();
  await b.reload();
  const statusA = await queueRow(a, good.titleFragment).innerText();
  const statusB = await queueRow(b, good.titleFragment).innerText();
  const status = (s: string): string | undefined => /已确认|已改标|待确认/.exec(s)?.[0];
  expect(status(statusA)).toBeDefined();
  expect(status(statusA)).toBe(status(statusB));
});

test('quota exhaustion shows a Chinese alert, keeps saved decisions and export still works', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openDesk(page);
  await pasteNotice(page, good.text);
  await expect(suggestions(page).getByRole('listitem').first()).toBeVisible();
  await confirmSuggestion(page);
  await expect(queueRow(page, good.titleFragment)).toContainText('已确认');

  // From now on every IndexedDB write fails as a full disk would.
  const full = await context.newPage();
  await full.addInitScript(() => {
    const quota = (): never => {
      throw new DOMException('磁盘已满', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = quota;
    IDBObjectStore.prototype.add = quota;
  });
  await page.close();
  await openDesk(full);
  await expect(queueRow(full, good.titleFragment)).toContainText('已确认');
  await pasteNotice(
    full,
    notice('关于开展消防安全检查的通知', '各单位:请开展消防安全自查。', '沪示消〔2022〕9号'),
  );
  await expect(alertWithText(full, /空间|存储|配额|已满/)).toBeVisible();
  const bytes = await exportCsvBytes(full);
  expect(bytes.toString('utf8')).toContain(good.docNumber);
  await full.close();

  const after = await context.newPage();
  await openDesk(after);
  await expect(queueRow(after, good.titleFragment)).toContainText('已确认');
  await context.close();
});

test('a full journey sends no request outside the local app', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openDesk(page);
  await pasteNotice(page, good.text);
  await expect(suggestions(page).getByRole('listitem').first()).toBeVisible();
  await overrideWith(page, '科技', /科技/);
  await confirmSuggestion(page);
  await expect(queueRow(page, good.titleFragment)).toContainText('已改标');
  await exportCsvBytes(page);
  const outside = requests.filter(
    (u) => !u.startsWith(ORIGIN) && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  expect(outside).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
});

test('an import redone after an interruption adds only what is missing, never duplicates', async ({
  page,
}) => {
  const file = (i: number) => ({
    name: `重做-${i}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(
      notice(`关于第${i}次重做导入的通知`, `各单位:第${i}条。`, `沪示办〔2023〕${i}号`),
    ),
  });
  await openDesk(page);
  await fileInput(page).setInputFiles([file(1), file(2)]);
  await expect(queueRow(page, '关于第2次重做导入的通知')).toBeVisible();
  // The interruption comes once both are saved: the redone import finds exactly those two.
  await expect.poll(() => savedCounts(page)).toEqual({ notices: 2, decided: 0 });
  await page.reload();
  await fileInput(page).setInputFiles([file(1), file(2), file(3)]);
  await expect(queueRow(page, '关于第3次重做导入的通知')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 条已在队列中' })).toBeVisible();
  await expect(queue(page).getByRole('row').filter({ hasText: '重做导入' })).toHaveCount(3);
});

test('without IndexedDB (private mode) the clerk is told at once and can still work and export', async ({
  page,
}) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('private mode', 'InvalidStateError');
    };
  });
  await openDesk(page);
  await expect(alertWithText(page, /存储不可用|不会自动保存/)).toBeVisible();
  await pasteNotice(page, good.text);
  await confirmSuggestion(page);
  await expect(queueRow(page, good.titleFragment)).toContainText('已确认');
  const bytes = await exportCsvBytes(page);
  expect(bytes.toString('utf8')).toContain('已确认');
});

test('data written by a newer desk is refused with a message and left untouched', async ({
  page,
}) => {
  await openDesk(page);
  await pasteNotice(page, good.text);
  await confirmSuggestion(page);
  await expect(queueRow(page, good.titleFragment)).toContainText('已确认');
  await expect.poll(() => savedCounts(page)).toEqual({ notices: 1, decided: 1 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('notice-topic-desk');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put(99, 'schema');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
  await page.reload();
  await expect(alertWithText(page, /更新版本/)).toBeVisible();
  await expect(queueRow(page, good.titleFragment)).toContainText('已确认');
  // A change in this read-only page is kept on screen but never written over the newer data.
  await pasteNotice(
    page,
    notice('关于只读状态下新增公文的通知', '各单位:只读测试。', '沪示办〔2023〕77号'),
  );
  await page.reload();
  await expect(queueRow(page, '只读状态下新增公文')).toHaveCount(0);
  await expect(queueRow(page, good.titleFragment)).toContainText('已确认');
});
