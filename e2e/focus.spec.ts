/**
 * Issue 11: the desk's keys work right after every way of adding or choosing a notice, with the
 * keyboard only, and the focus sits where a clerk expects it: on the document view.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  fileInput,
  notice,
  openDesk,
  pasteBox,
  queueRow,
  suggestions,
  topicPicker,
} from './support/desk';

const TITLES = [
  '关于开展汛期安全检查的通知',
  '关于做好义务教育招生入学工作的通知',
  '关于加强道路交通安全管理的通知',
] as const;

function documentView(page: Page) {
  return page.getByRole('main', { name: '公文审阅区' });
}

function firstSuggestion(page: Page) {
  return suggestions(page).getByRole('button', { name: /^采用建议 1/ });
}

test('upload 3 files, then 1 decides the first: the focus left the file input', async ({
  page,
}) => {
  await openDesk(page);
  await fileInput(page).setInputFiles(
    TITLES.map((title, i) => ({
      name: `notice-${i}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(
        notice(title, `各单位:请落实第${i + 1}项工作。`, `沪示办〔2022〕${i + 30}号`),
      ),
    })),
  );
  await expect(page.getByRole('heading', { name: TITLES[0] })).toBeVisible();
  await expect(documentView(page)).toBeFocused();
  await expect(firstSuggestion(page)).toBeVisible();

  await page.keyboard.press('1');
  await expect(queueRow(page, TITLES[0])).toContainText('已确认');
  await expect(page.getByRole('heading', { name: TITLES[1] })).toBeVisible();
  await expect(documentView(page)).toBeFocused();

  // Space opens no file dialog; u (undo) right after it shows the notice again.
  let fileDialogs = 0;
  page.on('filechooser', () => fileDialogs++);
  await page.keyboard.press('Space');
  await page.keyboard.press('u');
  await expect(queueRow(page, TITLES[0])).toContainText('待确认');
  await expect(page.getByRole('heading', { name: TITLES[0] })).toBeVisible();
  expect(fileDialogs).toBe(0);

  // Arrows move through the queue.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { name: TITLES[1] })).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { name: TITLES[0] })).toBeVisible();
});

test('paste, Esc, then 1 decides the pasted notice', async ({ page }) => {
  await openDesk(page);
  await pasteBox(page).focus();
  await page.keyboard.insertText(notice(TITLES[0], '各单位:请落实汛期安全检查。'));
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: TITLES[0] })).toBeVisible();
  await expect(documentView(page)).toBeFocused();

  // Back in the paste box, Esc leaves it and 1 is a shortcut again, not typed text.
  await pasteBox(page).focus();
  await page.keyboard.press('Escape');
  await expect(documentView(page)).toBeFocused();
  await expect(firstSuggestion(page)).toBeVisible();
  await page.keyboard.press('1');
  await expect(queueRow(page, TITLES[0])).toContainText('已确认');
  await expect(pasteBox(page)).toHaveValue('');
});

test('an empty paste keeps the focus in the paste box, to fix it there', async ({ page }) => {
  await openDesk(page);
  await pasteBox(page).focus();
  await page.keyboard.insertText('   ');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(pasteBox(page)).toBeFocused();
});

test('click a row, then Enter confirms it; the picker and the help dialog give the focus back', async ({
  page,
}) => {
  await openDesk(page);
  for (const [i, title] of [TITLES[0], TITLES[1]].entries()) {
    await pasteBox(page).fill(
      notice(title, `各单位:请落实第${i + 1}项工作。`, `沪示办〔2022〕${i + 40}号`),
    );
    await page.keyboard.press('Control+Enter');
    await expect(queueRow(page, title)).toBeVisible();
  }

  await queueRow(page, TITLES[1]).click();
  await expect(documentView(page)).toBeFocused();
  await expect(firstSuggestion(page)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(queueRow(page, TITLES[1])).toContainText('已确认');

  // The picker: / opens it, Esc closes it and the keys are the desk's again.
  await queueRow(page, TITLES[0]).click();
  await page.keyboard.press('/');
  await expect(topicPicker(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(documentView(page)).toBeFocused();

  // The help dialog: ? opens it, Esc closes it, the focus is back on the document view.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(documentView(page)).toBeFocused();
  await page.keyboard.press('1');
  await expect(queueRow(page, TITLES[0])).toContainText('已确认');
});
