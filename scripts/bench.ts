/**
 * `npm run bench`: every speed and size figure in one run, as one table, with the machine it ran on.
 * Each module under scripts/bench/ exports zero-argument `bench*` functions; a module that does not
 * exist (yet) is reported as missing rather than failing the whole run, so the figures that can be
 * measured always are.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Row {
  readonly module: string;
  readonly figure: string;
  readonly value: string;
}

/** The figures issue 13 sets targets for: the keys of `--json`, in the order. */
const TARGETS = [
  {
    key: 'import10k_s',
    figure: 'import + parse + score 10,000 notices (Chromium)',
    target: '≤ 15 s',
  },
  { key: 'import1k_s', figure: 'import + parse + score 1,000 notices (Chromium)', target: '≤ 2 s' },
  {
    key: 'longtask_ms',
    figure: 'longest main-thread stall during either import',
    target: '≤ 100 ms',
  },
  { key: 'sort_ms', figure: 'sort click → table updated, 10,000 rows', target: '≤ 50 ms' },
  { key: 'filter_ms', figure: 'filter keystroke → table updated, 10,000 rows', target: '≤ 50 ms' },
  { key: 'score_ms', figure: 'queue-only score, sample notice (Node)', target: '≤ 0.5 ms' },
  { key: 'suggest_ms', figure: 'suggestion with evidence, sample notice (Node)', target: '≤ 5 ms' },
  {
    key: 'train5k_browser_s',
    figure: 'local training, 5,000 notices, browser worker',
    target: '≤ 15 s',
  },
  { key: 'train5k_node_s', figure: 'local training, 5,000 notices, Node', target: '≤ 10 s' },
  { key: 'heap10k_mib', figure: 'JS heap after 10,000 notices', target: '≤ 150 MiB' },
  { key: 'js_start_kib', figure: 'JS loaded at start (gzip)', target: '≤ 200 KiB' },
  { key: 'js_all_kib', figure: 'all JS incl. on-demand chunks (gzip)', target: '≤ 350 KiB' },
] as const;

/** A figure a module marked with its target key (and, when it could run both, the previous version's value). */
interface Keyed {
  readonly value: number;
  readonly unit: string;
  readonly before: number | null;
}

const keyed = new Map<string, Keyed>();

function remember(item: Record<string, unknown>): void {
  if (typeof item.key !== 'string' || typeof item.value !== 'number') return;
  keyed.set(item.key, {
    value: item.value,
    unit: typeof item.unit === 'string' ? item.unit : '',
    before: typeof item.before === 'number' ? item.before : null,
  });
}

/** How many times faster than before (below 1: slower). */
function ratio(before: number, after: number): string {
  return after > 0 ? `×${(before / after).toFixed(2)}` : '—';
}

const here = path.dirname(fileURLToPath(import.meta.url));
const MODULES = ['parse', 'classifier', 'export', 'browser', 'team'] as const;
const json = process.argv.includes('--json');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Accepts the shapes the bench modules return: {name,value,unit}[], a record of figures, or one value. */
function rowsOf(module: string, fnName: string, result: unknown): Row[] {
  if (Array.isArray(result)) {
    return result.flatMap((item: unknown, i) => {
      if (isRecord(item) && typeof item.name === 'string' && 'value' in item) {
        remember(item);
        const unit = typeof item.unit === 'string' && item.unit ? ` ${item.unit}` : '';
        const value = `${show(item.value)}${unit}`;
        if (typeof item.before === 'number' && typeof item.value === 'number') {
          const before = `${show(item.before)}${unit}`;
          return [
            {
              module,
              figure: item.name,
              value: `${value} (before ${before}, speed-up ${ratio(item.before, item.value)})`,
            },
          ];
        }
        return [{ module, figure: item.name, value }];
      }
      return [{ module, figure: `${fnName}[${i}]`, value: show(item) }];
    });
  }
  if (isRecord(result)) {
    return Object.entries(result).map(([key, value]) => ({
      module,
      figure: `${fnName}.${key}`,
      value: show(value),
    }));
  }
  return [{ module, figure: fnName, value: show(result) }];
}

async function runModule(name: string): Promise<Row[]> {
  const file = path.join(here, 'bench', `${name}.ts`);
  if (!existsSync(file))
    return [{ module: name, figure: '(module)', value: `missing: scripts/bench/${name}.ts` }];
  const exports: Record<string, unknown> = await import(pathToFileURL(file).href);
  const rows: Row[] = [];
  for (const [fnName, fn] of Object.entries(exports)) {
    if (typeof fn !== 'function' || !fnName.startsWith('bench') || fn.length > 0) continue;
    try {
      rows.push(...rowsOf(name, fnName, await (fn as () => unknown)()));
    } catch (error) {
      rows.push({
        module: name,
        figure: fnName,
        value: `failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  if (rows.length === 0) rows.push({ module: name, figure: '(module)', value: 'no bench* export' });
  return rows;
}

const cpus = os.cpus();
console.log(
  `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, ` +
    `${os.platform()} ${os.release()}, node ${process.version}`,
);
const rows: Row[] = [];
for (const name of MODULES) rows.push(...(await runModule(name)));
console.table(rows);

console.log('issue 13 targets:');
console.table(
  TARGETS.map(({ key, figure, target }) => {
    const k = keyed.get(key);
    return {
      figure,
      measured: k ? `${show(k.value)} ${k.unit}` : 'not measured',
      'previous version, same run': k && k.before !== null ? `${show(k.before)} ${k.unit}` : '—',
      'speed-up': k && k.before !== null ? ratio(k.before, k.value) : '—',
      target,
    };
  }),
);
// The last line, for scripts: every target key, null where the step could not be measured.
if (json) {
  const values = Object.fromEntries(
    TARGETS.map(({ key }) => {
      const k = keyed.get(key);
      return [key, k ? +k.value.toFixed(3) : null];
    }),
  );
  console.log(JSON.stringify(values));
}
