/**
 * Issue 11: accessibility checked by a real tool. axe-core (WCAG 2.1 A/AA and best practice) finds
 * no violation on every view, with a notice shown, the picker open and a dialog open, in both languages.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fixtureCase, openDesk, pasteNotice, suggestions, topicPicker } from './support/desk';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // Off by default (axe calls it experimental), and it is what a speech-input user meets.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return result.violations.map(
    (v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

test('no violation on the desk with a notice, the picker open, the help dialog, learn and audit', async ({
  page,
}) => {
  await openDesk(page);
  expect(await violations(page), 'empty desk').toEqual([]);

  await pasteNotice(page, fixtureCase().text);
  await expect(suggestions(page).getByRole('button').first()).toBeVisible();
  expect(await violations(page), 'notice shown').toEqual([]);

  await page.keyboard.press('/');
  await expect(topicPicker(page)).toBeFocused();
  await expect(page.getByRole('listbox', { name: /分类选项/ })).toBeVisible();
  expect(await violations(page), 'picker open').toEqual([]);
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await violations(page), 'help dialog open').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByText('列', { exact: true }).click();
  expect(await violations(page), 'column menu open').toEqual([]);

  for (const view of [/学习/, /审核/]) {
    await page.getByRole('tab', { name: view }).click();
    expect(await violations(page), `view ${String(view)}`).toEqual([]);
  }
});

test('no violation in English', async ({ page }) => {
  await openDesk(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('textbox', { name: /Paste/ }).fill(fixtureCase().text);
  await page.getByRole('button', { name: /^Add/ }).click();
  await expect(
    page.getByRole('list', { name: 'Suggestions' }).getByRole('button').first(),
  ).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
