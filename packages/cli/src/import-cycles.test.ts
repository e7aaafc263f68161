import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { findCycles, findPackageCycles, importGraph } from '../../../scripts/find-import-cycles.mjs';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('import cycles', () => {
  it('no package has an import cycle between its source files', () => {
    expect(findPackageCycles(repoRoot)).toEqual([]);
  });

  it('finds a cycle through a dynamic import and a re-export, and ignores tests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-cycles-'));
    mkdirSync(join(dir, 'commands'));
    writeFileSync(join(dir, 'main.ts'), "export { a } from './commands/a.js';\n");
    writeFileSync(join(dir, 'commands/a.ts'), "export const a = () => import('../main.js');\n");
    writeFileSync(join(dir, 'commands/b.ts'), "import type { a } from './a.js';\n");
    writeFileSync(join(dir, 'main.test.ts'), "import '../main.js';\n");
    const cycles = findCycles(importGraph(dir)) as string[][];
    expect(cycles).toEqual([[join(dir, 'commands/a.ts'), join(dir, 'main.ts')]]);
  });
});
