/**
 * Browser half of `npm run bench` (issue 6 scale figures, printed not asserted): drives the built app in
 * headless Debian Chromium. Every step is measured from the user's side (until the page shows it), and a
 * step the app cannot do yet is reported as such instead of stopping the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { syntheticNotices } from './classifier';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BenchFigure {
  readonly name: string;
  readonly value: number | string;
  readonly unit: string;
  /** The issue 13 target this figure answers (a key of `npm run bench -- --json`). */
  readonly key?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Preview {
  readonly url: string;
  close(): void;
}

/** Serves dist/ with `vite preview` on a free port, or reuses APP_URL when given. */
export async function startPreview(): Promise<Preview> {
  const given = process.env.APP_URL;
  if (given) return { url: given, close: () => undefined };
  if (!existsSync(path.join(repoRoot, 'dist/index.html'))) {
    throw new Error('dist/ 不存在: 先运行 `npx vite build`');
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    // Its own process group: npx starts vite as a child, and both must go when the bench ends.
    { cwd: repoRoot, stdio: 'ignore', detached: true },
  );
  const stop = (): void => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`vite preview did not answer on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, close: stop };
}

function fixtureText(): string {
  const shared = path.resolve(repoRoot, '../shared/samples/chongming-2020-minzheng.txt');
  return readFileSync(
    existsSync(shared) ? shared : path.join(repoRoot, 'e2e/fixtures/shanghai-minzheng-notice.txt'),
    'utf8',
  );
}

/**
 * Distinct notices of the sample's size (a unique title and 发文字号 each, so none is a duplicate), written
 * to disk because Playwright refuses in-memory uploads above 50 MB.
 */
function variants(count: number): string[] {
  const base = fixtureText();
  const dir = mkdtempSync(path.join(tmpdir(), `desk-bench-${count}-`));
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `bench-${i}.txt`);
    const text = base
      .replace(/〔(\d{4})〕\d+号/, `〔$1〕${i + 1}号`)
      .replace(/工作要点/g, `工作要点(第${i + 1}稿)`);
    writeFileSync(file, text);
    return file;
  });
}

/**
 * The JS a clerk's browser loads at start (the entry chunk and the desk worker), and all JS including
 * what loads on demand (the .docx reader on the first .docx, the learning worker in the 学习 view).
 */
function bundleFigures(): BenchFigure[] {
  const assets = path.join(repoRoot, 'dist/assets');
  if (!existsSync(assets)) return [{ name: 'JS bundle (gzip)', value: 'dist/ missing', unit: '' }];
  const html = readFileSync(path.join(repoRoot, 'dist/index.html'), 'utf8');
  let atStart = 0;
  let all = 0;
  let pickerTerms = 0;
  for (const file of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const gz = gzipSync(readFileSync(path.join(assets, file))).length;
    all += gz;
    if (html.includes(file) || file.startsWith('desk.worker')) atStart += gz;
    if (file.startsWith('coverage-')) pickerTerms += gz;
  }
  const modelPath = path.join(repoRoot, 'dist/model/model.json');
  const model = existsSync(modelPath) ? statSync(modelPath).size : 0;
  const kib = (n: number): number => +(n / 1024).toFixed(1);
  return [
    {
      name: 'JS loaded at start: app + desk worker (gzip)',
      value: kib(atStart),
      unit: 'KiB',
      key: 'js_start_kib',
    },
    {
      name: 'all JS incl. on-demand .docx reader, learning worker, picker terms (gzip)',
      value: kib(all),
      unit: 'KiB',
      key: 'js_all_kib',
    },
    {
      name: 'picker terms: what each class covers, loaded on demand (gzip)',
      value: kib(pickerTerms),
      unit: 'KiB',
    },
    {
      name: 'model.json (raw / gzip)',
      value: model ? `${kib(model)} / ${kib(gzipSync(readFileSync(modelPath)).length)}` : 'missing',
      unit: 'KiB',
    },
  ];
}

/** The page's JS heap after a garbage collection (what stays, not what waits to be collected). */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  return +(used / 1024 / 1024).toFixed(1);
}

/**
 * Records the page's long tasks (main thread busy > 50 ms): what a clerk feels as a frozen page. The
 * task that hands the chosen files to the page is told apart: in headless Chromium it is as long with
 * a bare <input type=file> and no app (0.6 s for 3,000 files), the browser's own cost of the pick.
 */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __tasks: [number, number][]; __picks: number[] };
    w.__tasks = [];
    w.__picks = [];
    document.addEventListener('change', () => w.__picks.push(performance.now()), true);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
}

/** The longest long task, in ms: the app's own (`'app'`), or any, the file pick included (`'all'`). */
async function longestTask(page: Page, which: 'app' | 'all' = 'app'): Promise<number> {
  const { tasks, picks } = await page.evaluate(() => {
    const w = window as unknown as { __tasks: [number, number][]; __picks: number[] };
    return { tasks: w.__tasks, picks: w.__picks };
  });
  const isPick = ([start, duration]: [number, number]): boolean =>
    picks.some((t) => t >= start && t <= start + duration);
  const kept = which === 'all' ? tasks : tasks.filter((t) => !isPick(t));
  return Math.round(Math.max(0, ...kept.map(([, duration]) => duration)));
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return +((performance.now() - start) / 1000).toFixed(2);
}

/** Uploads `count` files in one go and waits until the page reports them all imported. */
async function importMany(page: Page, count: number, timeoutMs: number): Promise<number> {
  const files = variants(count);
  try {
    return await timed(async () => {
      await page.locator('input[type="file"]').first().setInputFiles(files);
      // The header's progress counts notices in the queue; the import's own bar counts files from the start.
      await page.getByText(`已完成 0/${count}`).first().waitFor({ timeout: timeoutMs });
    });
  } finally {
    if (files[0]) rmSync(path.dirname(files[0]), { recursive: true, force: true });
  }
}

/**
 * Clicks (or types into) the queue in the page itself and times until the frame in which the table
 * shows the change: no Playwright round trip in the figure.
 */
async function inPageMs(
  page: Page,
  action: { readonly sortBy: string } | { readonly filter: string },
): Promise<number> {
  // No function declarations inside: tsx's keepNames would call a `__name` helper the page lacks.
  return page.evaluate(async (act) => {
    // The rows on screen as one text: a sort shows in the first frame in which it differs (the
    // queue may then scroll to keep the selected notice in sight; that is not the sort's cost).
    const before = [...document.querySelectorAll('[role="row"], tr')]
      .map((r) => r.textContent)
      .join('|');
    const start = performance.now();
    if ('sortBy' in act) {
      const header = [...document.querySelectorAll<HTMLElement>('[role="columnheader"], th')].find(
        (h) => h.textContent?.includes(act.sortBy),
      );
      (header?.querySelector<HTMLElement>('button') ?? header)?.click();
    } else {
      const box = document.querySelector<HTMLInputElement>('input[type="search"]');
      if (!box) throw new Error('no search box');
      // React listens for input events and reads the value through the native setter.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(
        box,
        act.filter,
      );
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
    for (let frames = 0; frames < 600; frames++) {
      const rows = [...document.querySelectorAll('[role="row"], tr')].map((r) => r.textContent);
      if ('sortBy' in act ? rows.join('|') !== before : (rows[1] ?? '').includes(act.filter)) {
        return Math.round(performance.now() - start);
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
    throw new Error('the table did not change');
  }, action);
}

/**
 * Trains on 5,000 synthetic notices in the built learning worker, as the 学习 view does, speaking
 * comlink's wire format from the page (the bench cannot import the app's modules there).
 */
async function browserTrainingSeconds(page: Page, baseUrl: string): Promise<number> {
  const assets = path.join(repoRoot, 'dist/assets');
  const worker = readdirSync(assets).find((f) => f.startsWith('learn.worker') && f.endsWith('.js'));
  if (!worker) throw new Error('no learn.worker in dist/assets');
  const examples = syntheticNotices(5000).map((e) => ({
    text: e.text,
    path: e.path,
    source: 'history',
  }));
  return page.evaluate(
    async ({ workerUrl, modelUrl, examples }) => {
      const w = new Worker(workerUrl, { type: 'module' });
      const { port1, port2 } = new MessageChannel();
      // Progress calls come over the port: answer each, as comlink's proxy would.
      port1.onmessage = (e: MessageEvent<{ id: string }>) =>
        port1.postMessage({ id: e.data.id, type: 'RAW', value: undefined });
      const start = performance.now();
      const reply = await new Promise<{ type: string; name?: string; value: unknown }>(
        (resolve, reject) => {
          w.onerror = (e) => reject(new Error(e.message));
          w.onmessage = (e: MessageEvent<{ id: string; type: string; value: unknown }>) => {
            if (e.data.id === 'bench') resolve(e.data);
          };
          w.postMessage(
            {
              id: 'bench',
              type: 'APPLY',
              path: ['run'],
              argumentList: [
                { type: 'RAW', value: modelUrl },
                {
                  type: 'RAW',
                  value: { type: 'train', examples, createdAt: new Date().toISOString() },
                },
                { type: 'HANDLER', name: 'proxy', value: port2 },
              ],
            },
            [port2],
          );
        },
      );
      w.terminate();
      if (reply.type === 'HANDLER' && reply.name === 'throw') throw new Error('training failed');
      return +((performance.now() - start) / 1000).toFixed(2);
    },
    {
      workerUrl: `${baseUrl}/assets/${worker}`,
      modelUrl: `${baseUrl}/model/model.json`,
      examples,
    },
  );
}

async function step(
  figures: BenchFigure[],
  name: string,
  unit: string,
  fn: () => Promise<number | string>,
  key?: string,
): Promise<void> {
  try {
    figures.push({ name, value: await fn(), unit, ...(key ? { key } : {}) });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    figures.push({ name, value: `failed: ${message.slice(0, 80)}`, unit: '' });
  }
}

export async function benchBrowser(): Promise<BenchFigure[]> {
  const figures = bundleFigures();
  const preview = await startPreview();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  // Library-mode Playwright waits forever by default; a missing control must end the step, not the run.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(30_000);
  try {
    const page = await context.newPage();
    await page.goto(preview.url);
    await watchLongTasks(page);
    await step(
      figures,
      'import+parse+classify 1,000 notices',
      's',
      () => importMany(page, 1000, 180_000),
      'import1k_s',
    );
    // Read now: the next page may share this renderer's main thread, and its tasks would count here.
    const smallStall = await longestTask(page);
    await step(figures, 'longest main-thread stall during that import (the app)', 'ms', async () =>
      Promise.resolve(smallStall),
    );
    await step(figures, 'longest, counting the browser handing over the files', 'ms', () =>
      longestTask(page, 'all'),
    );
    await step(figures, 'JS heap after 1,000', 'MiB', () => heapMiB(page));

    const big = await context.newPage();
    await big.goto(preview.url);
    await watchLongTasks(big);
    await step(
      figures,
      'import 10,000 notices (3 min cap)',
      's',
      () => importMany(big, 10_000, 180_000),
      'import10k_s',
    );
    await step(figures, 'longest main-thread stall during that import (the app)', 'ms', () =>
      longestTask(big),
    );
    await step(figures, 'longest, counting the browser handing over the files', 'ms', () =>
      longestTask(big, 'all'),
    );
    await step(
      figures,
      'longest main-thread stall during either import (the app)',
      'ms',
      async () => Math.max(smallStall, await longestTask(big)),
      'longtask_ms',
    );
    await step(figures, 'JS heap after 10,000', 'MiB', () => heapMiB(big), 'heap10k_mib');
    await step(
      figures,
      'sort click → table updated (10,000 rows, by title)',
      'ms',
      () => inPageMs(big, { sortBy: '标题' }),
      'sort_ms',
    );
    await step(
      figures,
      'filter keystroke → table updated (10,000 rows)',
      'ms',
      () => inPageMs(big, { filter: '第9999稿' }),
      'filter_ms',
    );
    await step(figures, 'export CSV of 10,000', 's', async () => {
      await big.getByRole('searchbox').first().fill('');
      return timed(async () => {
        const download = big.waitForEvent('download', { timeout: 120_000 });
        await big.getByRole('button', { name: /CSV/ }).first().click();
        await (await download).path();
      });
    });
    const trainer = await context.newPage();
    await trainer.goto(preview.url);
    await step(
      figures,
      'local training on 5,000 synthetic notices in the learning worker',
      's',
      () => browserTrainingSeconds(trainer, preview.url),
      'train5k_browser_s',
    );
  } finally {
    await browser.close();
    preview.close();
  }
  return figures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.table(await benchBrowser());
}
