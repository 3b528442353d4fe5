/**
 * Everything the end-to-end tests know about the desk's UI lives here, found by role and accessible
 * name (never CSS classes), so a renamed label is fixed in one place.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = path.resolve(repoRoot, '../shared');
export const SHARED_SAMPLE = path.join(sharedRoot, 'samples/chongming-2020-minzheng.txt');
export const SHARED_MISSING = `跳过: ${SHARED_SAMPLE} 不存在 (../shared is absent in a fresh clone)`;
export const FIXTURE_NOTICE = path.join(repoRoot, 'e2e/fixtures/shanghai-minzheng-notice.txt');

export function readFixture(): string {
  return readFileSync(FIXTURE_NOTICE, 'utf8');
}

export function sharedSampleExists(): boolean {
  return existsSync(SHARED_SAMPLE);
}

export interface NoticeCase {
  readonly name: string;
  readonly text: string;
  readonly docNumber: string;
  readonly titleFragment: string;
}

export function fixtureCase(): NoticeCase {
  return {
    name: '仓库自带样例',
    text: readFixture(),
    docNumber: '沪示民〔2021〕12号',
    titleFragment: '2021年示范区民政工作要点',
  };
}

export function sharedCase(): NoticeCase {
  return {
    name: '崇明区民政局样例',
    text: readFileSync(SHARED_SAMPLE, 'utf8'),
    docNumber: '沪崇民〔2020〕10号',
    titleFragment: '2020年崇明民政工作要点',
  };
}

export const SECTION_HEADINGS = ['一、', '二、', '三、', '四、', '五、', '六、'] as const;

/** Opens the desk and waits until the stored notices are loaded (the app shows a loading state until then). */
export async function openDesk(page: Page): Promise<void> {
  await page.goto('/');
  await expect(pasteBox(page)).toBeEditable();
}

export function pasteBox(page: Page): Locator {
  return page.getByRole('textbox', { name: /粘贴/ });
}

export function fileInput(page: Page): Locator {
  return page.locator('input[type="file"]').first();
}

export async function pasteNotice(page: Page, text: string): Promise<void> {
  await pasteBox(page).fill(text);
  await page.getByRole('button', { name: /^(添加|加入|导入|解析)/ }).click();
}

export function queue(page: Page): Locator {
  return page.getByRole('grid').or(page.getByRole('table')).first();
}

export function queueRow(page: Page, text: string): Locator {
  return queue(page).getByRole('row').filter({ hasText: text });
}

export function suggestions(page: Page): Locator {
  return page.getByRole('list', { name: /建议/ }).first();
}

export function topicPicker(page: Page): Locator {
  return page.getByRole('combobox', { name: /主题|分类/ }).first();
}

/** Types into the picker and chooses the option whose name contains `option`. */
export async function overrideWith(page: Page, typed: string, option: RegExp): Promise<void> {
  const picker = topicPicker(page);
  await picker.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

export async function confirmSuggestion(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^确认/ }).first().click();
}

export function alertWithText(page: Page, text: RegExp): Locator {
  return page.getByRole('alert').filter({ hasText: text }).first();
}

/** The notice records the desk has saved in IndexedDB, as stored. */
export function savedRecords<T>(page: Page): Promise<T[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('notice-topic-desk');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const all = open.result.transaction('notices').objectStore('notices').getAll();
          all.onerror = () => reject(new Error(String(all.error)));
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result as unknown[]);
          };
        };
      }),
  ) as Promise<T[]>;
}

/**
 * How many notices, and decided ones, the desk has saved in IndexedDB. A notice or a decision is
 * on screen a moment before it is saved: a test that reloads to prove it was kept waits for this
 * first, or under load it reloads before the save and finds it missing.
 */
export async function savedCounts(page: Page): Promise<{ notices: number; decided: number }> {
  const records = await savedRecords<{ decision?: unknown }>(page);
  return {
    notices: records.length,
    decided: records.filter((r) => r.decision !== null && r.decision !== undefined).length,
  };
}

/** Clicks the CSV export and returns the downloaded file's bytes. */
export async function exportCsvBytes(page: Page): Promise<Buffer> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /CSV/ }).first().click();
  const download: Download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^主题分类标注-\d{8}-\d{4}\.csv$/);
  const file = await download.path();
  return readFileSync(file);
}

export function notice(title: string, body: string, docNumber = '沪示办〔2022〕3号'): string {
  return [
    '索引号:',
    'SY0000000000202200003',
    '公开主体:',
    '上海市示范区人民政府办公室',
    '发文字号:',
    docNumber,
    '成文日期:',
    '2022-05-10',
    title,
    body,
  ].join('\n');
}
