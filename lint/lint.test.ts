/**
 * The import rules of eslint.config.js, proved: each is run through ESLint's Node API against a file
 * that breaks it, and must report it. Virtual files take a path inside src/ so the real config applies.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  // ignore: false, so the fixtures that the repo's own lint run skips are linted here.
  eslint = new ESLint({ cwd: root, ignore: false });
});

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

async function messagesOf(file: string): Promise<ESLint.LintResult['messages']> {
  const [result] = await eslint.lintFiles([path.join(root, file)]);
  return result?.messages ?? [];
}

describe('layer direction', () => {
  it('fails a domain file that imports the store, by its bare folder or a module in it', async () => {
    for (const spec of ['../../store', '../../store/notices']) {
      const code = `import { useDesk } from '${spec}';\nexport const x = useDesk;\n`;
      expect(await ruleIds(code, 'src/domain/desk/uses-store.ts')).toContain(
        'import-x/no-restricted-paths',
      );
    }
  });

  it('fails the store importing a feature, and a feature reaching a worker client past the store', async () => {
    const storeCode = `import { QueuePane } from '../features/queue/QueuePane';\nexport const x = QueuePane;\n`;
    expect(await ruleIds(storeCode, 'src/store/uses-ui.ts')).toContain(
      'import-x/no-restricted-paths',
    );
    const featureCode = `import { openDeskDb } from '../../lib/db';\nexport const x = openDeskDb;\n`;
    expect(await ruleIds(featureCode, 'src/features/queue/uses-db.ts')).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('lets a feature import the store, the shared UI and the domain', async () => {
    const code = [
      "import { useDesk } from '../../store';",
      "import { pathLabel } from '../../ui/format';",
      "import { topicKey } from '../../domain/taxonomy/taxonomy';",
      'export const x = [useDesk, pathLabel, topicKey];',
      '',
    ].join('\n');
    expect(await ruleIds(code, 'src/features/queue/allowed.ts')).toEqual([]);
  });
});

describe('features talk through the store', () => {
  it('fails a feature that imports another feature', async () => {
    const code = `import { ReviewPane } from '../review/ReviewPane';\nexport const x = ReviewPane;\n`;
    expect(await ruleIds(code, 'src/features/queue/uses-review.ts')).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('lets a feature import its own modules', async () => {
    const code = `import { buildSegments } from './segments';\nexport const x = buildSegments;\n`;
    expect(await ruleIds(code, 'src/features/review/own.ts')).toEqual([]);
  });
});

describe('the team server shares only the domain with the desk', () => {
  it('fails a server file that imports the store, an adapter, a worker or a feature', async () => {
    for (const spec of [
      '../../src/store',
      '../../src/lib/db',
      '../../src/workers/protocol',
      '../../src/features/queue/QueuePane',
    ]) {
      const code = `import * as desk from '${spec}';\nexport const x = desk;\n`;
      expect(await ruleIds(code, 'server/sync/uses-desk.ts')).toContain(
        'import-x/no-restricted-paths',
      );
    }
  });

  it('fails a server file that imports React', async () => {
    const code = `import { useState } from 'react';\nexport const x = useState;\n`;
    expect(await ruleIds(code, 'server/sync/uses-react.ts')).toContain('no-restricted-imports');
  });

  it('lets a server file import the domain', async () => {
    const code = [
      "import { topicKey } from '../../src/domain/taxonomy/taxonomy';",
      "import type { Role } from '../../src/domain/team/contract';",
      "export const x: [typeof topicKey, Role] = [topicKey, 'clerk'];",
      '',
    ].join('\n');
    expect(await ruleIds(code, 'server/sync/allowed.ts')).toEqual([]);
  });

  it('fails the browser bundle importing the server, from any layer', async () => {
    for (const file of ['src/domain/team/uses-server.ts', 'src/features/queue/uses-server.ts']) {
      const up = file.split('/').length - 1;
      const code = `import { createApp } from '${'../'.repeat(up)}server/app';\nexport const x = createApp;\n`;
      expect(await ruleIds(code, file)).toContain('import-x/no-restricted-paths');
    }
  });
});

describe('import cycles', () => {
  it('fails a cycle made only of type imports (import-x/no-cycle would let it through)', async () => {
    const messages = await messagesOf('lint/fixtures/type-cycle/notice.ts');
    expect(messages.map((m) => m.ruleId)).toEqual(['local/no-import-cycle']);
    expect(messages[0]?.message).toContain('notice.ts → lint/fixtures/type-cycle/review.ts');
  });

  it('fails a runtime cycle through three modules, on each of them', async () => {
    for (const file of ['a', 'b', 'c']) {
      const messages = await messagesOf(`lint/fixtures/value-cycle/${file}.ts`);
      expect(messages.map((m) => m.ruleId)).toEqual(['local/no-import-cycle']);
    }
  });
});
