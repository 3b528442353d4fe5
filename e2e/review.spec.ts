/** Issue 11: a picker that knows the classes, and an outline that finds sections in attachments. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  fixtureCase,
  openDesk,
  pasteNotice,
  queueRow,
  repoRoot,
  suggestions,
  topicPicker,
} from './support/desk';

test('the empty picker lists all 122 leaves under their 22 classes, walked by keyboard', async ({
  page,
}) => {
  await openDesk(page);
  await pasteNotice(page, fixtureCase().text);
  await expect(suggestions(page).getByRole('listitem').first()).toBeVisible();

  await page.keyboard.press('/');
  const picker = topicPicker(page);
  await expect(picker).toBeFocused();
  const list = page.getByRole('listbox', { name: '主题分类选项' });
  await expect(list.getByRole('option')).toHaveCount(122);
  await expect(list.getByRole('group')).toHaveCount(22);
  await expect(
    list.getByRole('group', { name: '民政、扶贫、救灾' }).getByRole('option'),
  ).toHaveText(['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他']);

  // The active option follows the keys and is scrolled into the list's view.
  const active = async () =>
    page.locator(`[id="${(await picker.getAttribute('aria-activedescendant')) ?? ''}"]`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(await active()).toHaveText('国务院组成部门');
  await page.keyboard.press('End');
  const last = await active();
  await expect(last).toHaveText('其他');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport();
  await page.keyboard.press('PageUp');
  await expect(await active()).toBeInViewport();
});

test('typing what a class covers finds it, says why, and Enter takes it', async ({ page }) => {
  await openDesk(page);
  const c = fixtureCase();
  await pasteNotice(page, c.text);
  await expect(suggestions(page).getByRole('listitem').first()).toBeVisible();

  await page.keyboard.press('/');
  await page.keyboard.type('固体废物');
  const firstOption = page
    .getByRole('listbox', { name: '主题分类选项' })
    .getByRole('option')
    .first();
  await expect(firstOption).toContainText('城乡建设、环境保护 › 环境监测、保护与治理');
  await expect(firstOption).toContainText('涵盖“固体废物”');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('button', { name: /^确认：城乡建设、环境保护 › 环境监测/ }),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(queueRow(page, c.titleFragment)).toContainText('已改标');
  await expect(queueRow(page, c.titleFragment)).toContainText('环境监测、保护与治理');
});

test('the outline lists the sections of an attachment under their own heading', async ({
  page,
}) => {
  await openDesk(page);
  const text = readFileSync(
    path.join(repoRoot, 'src/domain/notice/fixtures/decision-numbered-sentences.txt'),
    'utf8',
  );
  await pasteNotice(page, text);
  const outline = page.getByRole('navigation', { name: '文档大纲' });
  await expect(outline.getByRole('heading', { name: '附件' })).toBeVisible();
  const links = outline.getByRole('button');
  await expect(links.nth(1)).toHaveText(/^一、取消“省级林木种子/);
  // Notice sections come first; the attachment's items follow the 附件 heading.
  const names = await links.allTextContents();
  expect(names.slice(1, 5).map((n) => n.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、']);
  expect(names.slice(5).every((n) => /^[12]\./.test(n))).toBe(true);
});
