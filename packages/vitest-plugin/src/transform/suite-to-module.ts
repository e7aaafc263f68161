import { parseSuiteText } from '@agent-cicd/core';
import { type CasesPerTest, groupSize } from '../runtime/cases-per-test.js';
import { compactCase } from './compact-cases.js';
import { lineSourceMap, type SourceMapV3 } from './line-source-map.js';

export interface SuiteModule {
  code: string;
  map: SourceMapV3;
}

/**
 * Turns a suite file (YAML suite or seed-format `*.cases.json`) into a test module: the suite as data, handed to
 * the runtime's `registerSuite` (which registers the Vitest tests, one per group of `groupSize` cases), and one
 * error factory with one `case g: return new Error(m);` line per group, mapped to the line of the group's first
 * case in the file (with one case per test: the case's line), so Vitest points a failure there. The `Error` is
 * constructed on that line (not inside the runtime) because the top stack frame decides where Vitest's code frame
 * points. One line per group, not per case: a 10,000-case file costs Vite's transform 1,000 lines, not 10,000.
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
  const code: string[] = [
    `import { registerSuite } from ${JSON.stringify(options.runtimeEntry)};`,
    // The suite as a JSON string, not an object literal: one token for Vite's transform and V8's parser, instead
    // of an AST of every case's fields (a 10,000-case suite cost hundreds of MB in Vite and in the worker).
    `registerSuite(JSON.parse(${JSON.stringify(JSON.stringify(data))}), (i, m) => { switch (i) {`,
  ];
  const sourceLines = [1, 1];
  for (let group = 0; group * size < lines.length; group++) {
    code.push(`case ${group}: return new Error(m);`);
    sourceLines.push(lines[group * size] ?? 1);
  }
  code.push('} return new Error(m); },');
  sourceLines.push(1);
  // Our `import()`, run by Vite: target modules load like test files (TypeScript included, no user loader).
  code.push('(file) => import(/* @vite-ignore */ file));');
  sourceLines.push(1);
  return {
    code: `${code.join('\n')}\n`,
    map: lineSourceMap({ file: options.file, source: options.text, sourceLines }),
  };
}
