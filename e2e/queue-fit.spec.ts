/** Issue 11: the queue fits a 1280 px screen, and its columns stay as the clerk set them. */
import { expect, test, type Page } from '@playwright/test';
import { fixtureCase, openDesk, pasteNotice, queue, queueRow, suggestions } from './support/desk';

test.use({ viewport: { width: 1280, height: 800 } });

const c = fixtureCase();

function savedQueueColumns(page: Page): Promise<{ hidden: unknown; title: unknown }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('notice-topic-desk');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('settings');
          get.onsuccess = () => {
            open.result.close();
            const columns = (
              get.result as
                { queueColumns?: { hidden: unknown; sizes: Record<string, unknown> } } | undefined
            )?.queueColumns;
            resolve({ hidden: columns?.hidden, title: columns?.sizes.title });
          };
        };
      }),
  );
}

test('at 1280×800 the suggestion’s score and the final label show without scrolling sideways', async ({
  page,
}) => {
  await openDesk(page);
  await pasteNotice(page, c.text);
  await expect(suggestions(page).getByRole('button').first()).toBeVisible();
  await page.keyboard.press('1');
  const row = queueRow(page, c.titleFragment);
  await expect(row).toContainText('已确认');

  const pane = page.getByRole('region', { name: '公文队列' });
  const paneBox = await pane.boundingBox();
  const score = row.getByText(/^\d+%$/);
  const final = row.getByRole('gridcell').nth(3);
  await expect(final).not.toBeEmpty();
  for (const cell of [score, final]) {
    await expect(cell).toBeInViewport({ ratio: 1 });
    const box = await cell.boundingBox();
    expect(box && paneBox && box.x + box.width <= paneBox.x + paneBox.width).toBe(true);
  }
  // The whole text of a cut cell is there on hover.
  await expect(row.getByRole('gridcell').nth(1)).toHaveAttribute(
    'title',
    new RegExp(c.titleFragment),
  );
});

test('a hidden column and a widened one are remembered after a reload', async ({ page }) => {
  await openDesk(page);
  await pasteNotice(page, c.text);
  await expect(queueRow(page, c.titleFragment)).toBeVisible();
  const header = queue(page).getByRole('columnheader', { name: /公开主体/ });
  await expect(header).toBeVisible();

  await page.getByText('列', { exact: true }).click();
  await page.getByRole('checkbox', { name: '公开主体' }).uncheck();
  await expect(header).toHaveCount(0);

  const resizer = page.getByRole('separator', { name: /调整列宽：标题/ });
  const before = Number(await resizer.getAttribute('aria-valuenow'));
  await resizer.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(resizer).toHaveAttribute('aria-valuenow', String(before + 32));

  // Reload only once the settings are saved, or a slow save would be lost to the reload itself.
  await expect
    .poll(() => savedQueueColumns(page))
    .toEqual({
      hidden: ['issuer'],
      title: before + 32,
    });
  await page.reload();
  await expect(queueRow(page, c.titleFragment)).toBeVisible();
  await expect(queue(page).getByRole('columnheader', { name: /公开主体/ })).toHaveCount(0);
  await expect(page.getByRole('separator', { name: /调整列宽：标题/ })).toHaveAttribute(
    'aria-valuenow',
    String(before + 32),
  );
});
