/**
 * `npm run screenshot`: docs/screenshot.png of the desk at 1440×900 with a parsed notice, its suggestions
 * and the evidence of the focused suggestion. Needs a build (dist/) and CJK fonts, or the Chinese renders
 * as boxes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { repoRoot, startPreview } from './bench/browser';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.join(repoRoot, 'docs/screenshot.png');

function warnIfNoCjkFont(): void {
  let fonts = '';
  try {
    fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  } catch {
    // fc-list missing: treat as no fonts.
  }
  if (!fonts.trim()) {
    console.warn(
      '提示: 未找到中文字体, 截图中的汉字会显示为方框。请先运行 `apt-get install -y fonts-noto-cjk`。',
    );
  }
}

function noticeText(): string {
  const shared = path.resolve(repoRoot, '../shared/samples/chongming-2020-minzheng.txt');
  return readFileSync(
    existsSync(shared) ? shared : path.join(repoRoot, 'e2e/fixtures/shanghai-minzheng-notice.txt'),
    'utf8',
  );
}

warnIfNoCjkFont();
const preview = await startPreview();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page.setDefaultTimeout(30_000);
  await page.goto(preview.url);
  await page.getByRole('textbox', { name: /粘贴/ }).fill(noticeText());
  await page.getByRole('button', { name: /^(添加|加入|导入|解析)/ }).click();
  const first = page.getByRole('list', { name: /建议/ }).first().getByRole('listitem').first();
  await first.waitFor({ timeout: 30_000 });
  // Focus the first suggestion so its evidence words are highlighted in the text.
  await first.focus();
  await first.hover();
  mkdirSync(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`saved ${path.relative(repoRoot, OUT)}`);
} finally {
  await browser.close();
  preview.close();
}
