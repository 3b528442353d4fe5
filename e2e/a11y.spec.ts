/** Issue 2: every control has an accessible name, in every view, in Chinese first. */
import { expect, test, type Page } from '@playwright/test';
import { fixtureCase, openDesk, pasteNotice, suggestions } from './support/desk';

const CONTROL =
  /^\s*- (button|textbox|searchbox|combobox|checkbox|radio|link|tab|slider|spinbutton)\b(.*)$/;

/** The controls in the page's accessibility tree, and those of them that have no name. */
async function controls(page: Page): Promise<{ count: number; unnamed: string[] }> {
  const tree = await page.locator('body').ariaSnapshot();
  const found = tree.split('\n').flatMap((line) => {
    const m = CONTROL.exec(line);
    return m ? [{ line, named: /^\s*"[^"]+"/.test(m[2] ?? '') }] : [];
  });
  return { count: found.length, unnamed: found.filter((c) => !c.named).map((c) => c.line) };
}

test('every control on the desk, the learning and the audit views has an accessible name', async ({
  page,
}) => {
  await openDesk(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await pasteNotice(page, fixtureCase().text);
  await expect(suggestions(page).getByRole('listitem').first()).toBeVisible();
  const desk = await controls(page);
  expect(desk.count).toBeGreaterThan(15);
  expect(desk.unnamed).toEqual([]);
  for (const view of [/学习/, /审核/]) {
    await page.getByRole('tab', { name: view }).click();
    const found = await controls(page);
    expect(found.count).toBeGreaterThan(3);
    expect(found.unnamed).toEqual([]);
  }
});

test('switched to English, the page says so in <html lang> and words its own messages in English', async ({
  page,
}) => {
  await openDesk(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Notice Topic Desk');
  await page.getByRole('textbox', { name: /Paste/ }).fill('   ');
  await page.getByRole('button', { name: /^Add/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Nothing pasted/ })).toBeVisible();
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({
      name: 'scan.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([0, 1, 2, 3, 0, 0, 255, 0, 9, 0]),
    });
  await expect(page.getByText(/“scan\.txt” is not a text file/)).toBeVisible();
  // The page's own words (header, intake, the list of rejected files) hold no Chinese; the language
  // switch names 中文 in Chinese on purpose.
  const chrome = [
    await page.getByRole('banner').ariaSnapshot(),
    await page.getByRole('region', { name: 'Add notices' }).ariaSnapshot(),
  ]
    .join('\n')
    .split('\n')
    .filter((line) => !line.includes('中文'));
  expect(chrome.filter((line) => /[\u4e00-\u9fff]/.test(line))).toEqual([]);
  // The choice is saved: a reload opens in English.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: /^Add/ })).toBeVisible();
});
