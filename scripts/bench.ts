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

const here = path.dirname(fileURLToPath(import.meta.url));
const MODULES = ['parse', 'classifier', 'export', 'browser', 'team'] as const;

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
        const unit = typeof item.unit === 'string' && item.unit ? ` ${item.unit}` : '';
        return [{ module, figure: item.name, value: `${show(item.value)}${unit}` }];
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
