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
