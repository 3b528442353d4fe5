/** Uploading files: legacy Chinese encodings and .docx arrive as readable text, several at once. */
import { expect, test } from '@playwright/test';
import { fileInput, fixtureCase, notice, openDesk, queue, queueRow } from './support/desk';
import { encodeLegacy, makeDocx } from './support/encode';

test('a GB18030 .txt shows without mojibake', async ({ page }) => {
  const text = notice(
    '关于加强社区养老服务的通知',
    '各街镇:请做好居家养老服务工作。',
    '沪示民〔2022〕5号',
  );
  await openDesk(page);
  await fileInput(page).setInputFiles({
    name: '养老通知-gbk.txt',
    mimeType: 'text/plain',
    buffer: encodeLegacy(text, 'gb18030'),
  });
  await expect(queueRow(page, '关于加强社区养老服务的通知')).toBeVisible();
  await expect(page.getByText('各街镇:请做好居家养老服务工作。').first()).toBeVisible();
  await expect(page.getByText('\uFFFD')).toHaveCount(0);
});

test('a .docx made by the test shows its text', async ({ page }) => {
  const c = fixtureCase();
  await openDesk(page);
  await fileInput(page).setInputFiles({
    name: '工作要点.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: await makeDocx(c.text),
  });
  await expect(queueRow(page, c.titleFragment)).toBeVisible();
  await expect(page.getByText(c.docNumber).first()).toBeVisible();
});

test('several files at once are all imported', async ({ page }) => {
  const titles = [
    '关于开展防汛检查的通知',
    '关于做好义务教育招生的通知',
    '关于加强道路交通安全的通知',
  ];
  await openDesk(page);
  await fileInput(page).setInputFiles(
    titles.map((title, i) => ({
      name: `notice-${i}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(notice(title, `正文第${i}条。`, `沪示办〔2022〕${i + 20}号`), 'utf8'),
    })),
  );
  for (const title of titles) await expect(queueRow(page, title)).toBeVisible();
  await expect(queue(page).getByRole('row').filter({ hasText: '关于' })).toHaveCount(titles.length);
});
