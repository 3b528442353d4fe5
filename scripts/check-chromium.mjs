// Playwright cannot download browsers on this network; it drives Debian's Chromium instead.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `找不到 Chromium（${path}）。端到端测试使用 Debian 的 Chromium：\n` +
      `  sudo apt-get update && sudo apt-get install -y chromium\n` +
      `或设置 CHROMIUM_PATH 指向已安装的 Chromium。\n` +
      `(Chromium not found at ${path}: install Debian's package 'chromium', or set CHROMIUM_PATH.)`,
  );
  process.exit(1);
}
