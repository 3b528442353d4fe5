/**
 * ESLint rule: no import cycle between the project's own modules, type-only imports included.
 *
 * import-x/no-cycle skips `import type` by design (a type cycle has no runtime effect), but a cycle of
 * types is still two modules that cannot be understood, moved or tested apart. This rule follows every
 * static import, `import type` and `export … from` with TypeScript's own scanner and resolver (the same
 * resolution as `tsc`), so it sees exactly the graph the compiler sees.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const OPTIONS = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
};
const SOURCE = /\.(?:ts|tsx|js|mjs)$/;

/** file → its local imports, reread when the file changes (the editor keeps one process running). */
const cache = new Map();

function resolve(specifier, fromFile) {
  const resolved = ts.resolveModuleName(specifier, fromFile, OPTIONS, ts.sys).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return null;
  const file = path.resolve(resolved.resolvedFileName);
  return SOURCE.test(file) && !file.endsWith('.d.ts') ? file : null;
}

function importsOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.imports;
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = info.importedFiles.flatMap((f) => resolve(f.fileName, file) ?? []);
  cache.set(file, { mtime, imports });
  return imports;
}

/** A path of imports from `start` back to `target`, or null. */
function pathBack(start, target) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, route] = stack.pop();
    if (file === target) return route;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of importsOf(file)) stack.push([next, [...route, next]]);
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: {
      description: 'Forbid import cycles between local modules, type-only imports included.',
    },
    schema: [],
    messages: { cycle: 'Import cycle: {{route}}' },
  },
  create(context) {
    const self = path.resolve(context.filename);
    const root = context.cwd;
    function check(node) {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolve(source.value, self);
      if (!target) return;
      const route = pathBack(target, self);
      if (!route) return;
      const shown = [self, ...route].map((f) => path.relative(root, f)).join(' → ');
      context.report({ node: source, messageId: 'cycle', data: { route: shown } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
