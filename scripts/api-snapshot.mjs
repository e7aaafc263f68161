// The public names of each package, per entry point of its `exports` map: `packages/<pkg>/api-snapshot.txt`.
// `npm run check:packages` (in CI) compares them with the sources, so the public surface changes only on purpose.
// Usage: node scripts/api-snapshot.mjs            write the snapshots
//        node scripts/api-snapshot.mjs --check    exit 1 (with a diff) when a snapshot is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGES = ['core', 'deploy-gates', 'vitest-plugin', 'cli'];
const SNAPSHOT = 'api-snapshot.txt';

/** The snapshot text of `packages/<name>`: `<entry> <value|type> <name>` lines, sorted. */
export function computeApiSnapshot(name) {
  const dir = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entries = Object.entries(manifest.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, conditions]) => [
      `${manifest.name}${subpath.slice(1)}`,
      join(dir, conditions['@agent-cicd/source']),
    ]);
  const program = ts.createProgram(
    entries.map(([, file]) => file),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ['@agent-cicd/source'],
      noEmit: true,
      skipLibCheck: true,
      types: [],
    },
  );
  const checker = program.getTypeChecker();
  const lines = [];
  for (const [entry, file] of entries) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`${file}: not a module`);
    for (const exported of checker.getExportsOfModule(symbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const kind = target.flags & ts.SymbolFlags.Value ? 'value' : 'type';
      lines.push(`${entry} ${kind} ${exported.getName()}`);
    }
  }
  return `${lines.sort().join('\n')}\n`;
}

export function snapshotFile(name) {
  return join(root, 'packages', name, SNAPSHOT);
}

function readSnapshot(name) {
  try {
    return readFileSync(snapshotFile(name), 'utf8');
  } catch {
    return '';
  }
}

/** Lines only in `expected` (removed: -) and only in `actual` (added: +). */
export function diffSnapshots(expected, actual) {
  const before = new Set(expected.split('\n').filter(Boolean));
  const after = new Set(actual.split('\n').filter(Boolean));
  return [
    ...[...before].filter((line) => !after.has(line)).map((line) => `- ${line}`),
    ...[...after].filter((line) => !before.has(line)).map((line) => `+ ${line}`),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of PACKAGES) {
    const actual = computeApiSnapshot(name);
    const diff = diffSnapshots(readSnapshot(name), actual);
    if (diff.length === 0) {
      console.log(`ok   api @agent-cicd/${name} (${actual.split('\n').filter(Boolean).length} names)`);
    } else if (check) {
      stale++;
      console.log(
        `FAIL api @agent-cicd/${name}: the public API changed; if on purpose, run node scripts/api-snapshot.mjs\n${diff.join('\n')}`,
      );
    } else {
      writeFileSync(snapshotFile(name), actual);
      console.log(`wrote packages/${name}/${SNAPSHOT} (${diff.length} lines changed)`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
