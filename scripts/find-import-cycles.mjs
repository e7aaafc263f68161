#!/usr/bin/env node
// Finds import cycles between the source files of each package (static imports, re-exports and dynamic
// `import()` of relative paths; tests excluded). `node scripts/find-import-cycles.mjs` exits 1 naming each cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Relative imports of one file, resolved to the `.ts` files they name. */
export function relativeImports(file, text) {
  const found = new Set();
  for (const match of text.matchAll(SPECIFIER)) {
    const target = resolve(dirname(file), match[1]).replace(/\.js$/, '.ts');
    found.add(target.endsWith('.ts') ? target : `${target}.ts`);
  }
  return [...found];
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function findCycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

/** The import graph of every non-test `.ts` file under `dir`. */
export function importGraph(dir) {
  const graph = new Map();
  for (const entry of readdirSync(dir, { recursive: true })) {
    const name = String(entry);
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name.endsWith('.d.ts')) continue;
    const file = join(dir, name);
    graph.set(file, relativeImports(file, readFileSync(file, 'utf8')));
  }
  return graph;
}

/** Cycles in each package's `src/`, as lists of paths relative to `root`. */
export function findPackageCycles(root) {
  const cycles = [];
  for (const name of readdirSync(join(root, 'packages'))) {
    const graph = importGraph(join(root, 'packages', name, 'src'));
    for (const cycle of findCycles(graph)) cycles.push(cycle.map((file) => relative(root, file)));
  }
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cycles = findPackageCycles(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
  for (const cycle of cycles) process.stderr.write(`import cycle (${cycle.length} files): ${cycle.join(' ↔ ')}\n`);
  process.stdout.write(`${cycles.length} import cycle${cycles.length === 1 ? '' : 's'}\n`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
