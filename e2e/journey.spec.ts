/** Issue 2: paste → parsed and highlighted → suggestion → override → reload keeps it → Excel-safe CSV. */
import { expect, test, type Page } from '@playwright/test';
import {
  SECTION_HEADINGS,
  SHARED_MISSING,
  confirmSuggestion,
  exportCsvBytes,
  fixtureCase,
  notice,
  openDesk,
  overrideWith,
  pasteNotice,
  queueRow,
  savedCounts,
  sharedCase,
  sharedSampleExists,
  suggestions,
  type NoticeCase,
} from './support/desk';

const FORMULA_TITLE = '=HYPERLINK("http://example.com","点我")关于做好防汛工作的通知';

async function journey(page: Page, c: NoticeCase): Promise<void> {
  await openDesk(page);
  await pasteNotice(page, c.text);

  // 发文字号 shown as a highlighted header value (<mark>: Playwright has no 'mark' role).
  await expect(page.locator('mark').filter({ hasText: c.docNumber }).first()).toBeVisible();
  // The six sections appear in the outline.
  const outline = page.getByRole('navigation', { name: /提纲|大纲|结构/ });
  for (const heading of SECTION_HEADINGS) {
    await expect(outline.getByText(heading, { exact: false }).first()).toBeVisible();
  }
  // The first suggestion is under 民政、扶贫、救灾.
  await expect(suggestions(page).getByRole('listitem').first()).toContainText('民政、扶贫、救灾');

  // Override: type ahead in the picker, choose another path, confirm.
  await overrideWith(page, '科技', /科技/);
  await confirmSuggestion(page);
  const row = queueRow(page, c.titleFragment);
  await expect(row).toContainText('已改标');
  await expect(row).toContainText('科技');

  // The decision survives a reload (IndexedDB autosave), once saved.
  await expect.poll(() => savedCounts(page)).toEqual({ notices: 1, decided: 1 });
  await page.reload();
  await expect(queueRow(page, c.titleFragment)).toContainText('已改标');

  // A second notice whose title would be a spreadsheet formula.
  await pasteNotice(
    page,
    notice(FORMULA_TITLE, '各区防汛指挥部:请做好汛期值班和防汛物资储备工作。'),
  );
  await expect(queueRow(page, '点我')).toBeVisible();

  const bytes = await exportCsvBytes(page);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text).toContain('\r\n');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const [header, ...rows] = text.split('\r\n');
  expect(header).toMatch(/标题/);
  expect(header).toMatch(/发文字号/);
  const decided = rows.find((r) => r.includes(c.docNumber));
  expect(decided, 'the decided notice has a CSV row').toBeDefined();
  expect(decided).toMatch(/科技/);
  expect(decided).toMatch(/已改标/);
  const formulaRow = rows.find((r) => r.includes('HYPERLINK'));
  expect(formulaRow, 'the formula-titled notice has a CSV row').toBeDefined();
  // The cell is neutralised: it starts with a quote so Excel shows it as text.
  expect(formulaRow).toMatch(/(^|,)"?'=HYPERLINK/);
  expect(formulaRow).not.toMatch(/(^|,)"?=HYPERLINK/);
}

test('journey on the repo fixture (fresh clone)', async ({ page }) => {
  await journey(page, fixtureCase());
});

// The reporter lists a skipped test without its reason: say it where the run's output shows it.
if (!sharedSampleExists()) console.warn(SHARED_MISSING);

test('journey on the shared Chongming sample', async ({ page }) => {
  test.skip(!sharedSampleExists(), SHARED_MISSING);
  await journey(page, sharedCase());
});

test('confirming the first suggestion records 已确认', async ({ page }) => {
  const c = fixtureCase();
  await openDesk(page);
  await pasteNotice(page, c.text);
  await expect(suggestions(page).getByRole('listitem').first()).toContainText('民政、扶贫、救灾');
  await confirmSuggestion(page);
  await expect(queueRow(page, c.titleFragment)).toContainText('已确认');
});
