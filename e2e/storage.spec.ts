/** Issue 6: storage under pressure — two tabs, a full disk, and no request leaving the machine. */
import { expect, test } from '@playwright/test';
import {
  alertWithText,
  confirmSuggestion,
  exportCsvBytes,
  fixtureCase,
  notice,
  openDesk,
  overrideWith,
  pasteNotice,
  queueRow,
  suggestions,
} from './support/desk';

const good = fixtureCase();
const ORIGIN = 'http://127.0.0.1:4173';

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
