import { parseSuiteText } from '@agent-cicd/core';
import { type CasesPerTest, groupSize } from '../runtime/cases-per-test.js';
import { compactCase } from './compact-cases.js';

export interface SuiteModule {
  code: string;
  /** Always "no source map": the generated code is laid out on the suite file's own lines (see `suiteToModule`). */
  map: { mappings: '' };
}

/**
 * Turns a suite file (YAML suite or seed-format `*.cases.json`) into a test module: the suite as data, handed to
 * the runtime's `registerSuite` (which registers the Vitest tests, one per group of `groupSize` cases), and one
 * error factory with a `new Error(m)` per group, **on the line of the group's first case in the file** (with one
 * case per test: the case's line), at column 1 when that line holds no other group. Vitest's code frame then points
 * at the case: the failure's `Error` is constructed there (not inside the runtime) because the top stack frame
 * decides where the frame points, and its position needs no source map because the generated line is the file's.
 *
 * No source map, on purpose: given one, Vite's SSR transform builds a "boundary" map of the whole module (a
 * segment per word of the suite's JSON, ~70,000 for 10,000 cases) and combines it with ours, which cost the main
 * process ~40 MB for a 10,000-case file. `{ mappings: '' }` skips that; nothing may move lines, so the runtime is
 * loaded with an inline `await import()` (Vite hoists a static `import` onto a line of its own).
 */
export function suiteToModule(options: {
  text: string;
  file: string;
  runtimeEntry: string;
  /** @default 'auto' */
  casesPerTest?: CasesPerTest;
}): SuiteModule {
  const { suite, caseLines } = parseSuiteText(options.text, options.file);
  const lines = suite.cases.map((testCase) => caseLines[testCase.id] ?? 1);
  const casesPerTest = options.casesPerTest ?? 'auto';
  const size = groupSize(lines.length, casesPerTest);
  const data = {
    file: options.file,
    suite: { ...suite, cases: suite.cases.map(compactCase) },
    lines,
    groupSize: size,
    ...(casesPerTest === 'auto' ? { auto: true } : {}),
  };
  // `code[k]` is line k + 1 of the module, as of the suite file.
  const code: string[] = [
    // The suite as a JSON string, not an object literal: one token for Vite's transform and V8's parser, instead
    // of an AST of every case's fields (a 10,000-case suite cost hundreds of MB in Vite and in the worker).
    `(await import(${JSON.stringify(options.runtimeEntry)})).registerSuite(JSON.parse(${JSON.stringify(JSON.stringify(data))}), (i, m) => { switch (i) {`,
  ];
  for (let group = 0; group * size < lines.length; group++) {
    const line = lines[group * size] ?? 1;
    if (line > code.length) {
      // `return (` ends the line before, so `new Error(m)` opens the case's line (column 1).
      while (code.length < line - 1) code.push('');
      code[code.length - 1] += ` case ${group}: return (`;
      code.push('new Error(m));');
    } else {
      // The line already holds code (the first line, or cases sharing a line): same line, another column.
      code[code.length - 1] += ` case ${group}: return new Error(m);`;
    }
  }
  // Our `import()`, run by Vite: target modules load like test files (TypeScript included, no user loader).
  code[code.length - 1] += ' } return new Error(m); }, (file) => import(/* @vite-ignore */ file));';
  return { code: `${code.join('\n')}\n`, map: { mappings: '' } };
}
