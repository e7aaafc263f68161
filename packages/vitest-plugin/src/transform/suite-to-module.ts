import { parseSuiteText } from '@agent-cicd/core';
import { compactCase } from './compact-cases.js';
import { lineSourceMap, type SourceMapV3 } from './line-source-map.js';

export interface SuiteModule {
  code: string;
  map: SourceMapV3;
}

/**
 * Turns a suite file (YAML suite or seed-format `*.cases.json`) into a test module: one `suite.case(...)` line
 * per case, each mapped to the case's line in the file, so Vitest points a failure at the case. The failure's
 * `Error` is constructed on that line (not inside the runtime) because the top stack frame decides where
 * Vitest's code frame points.
 */
export function suiteToModule(options: { text: string; file: string; runtimeEntry: string }): SuiteModule {
  const { suite, caseLines } = parseSuiteText(options.text, options.file);
  const lines: string[] = [
    `import { registerSuite } from ${JSON.stringify(options.runtimeEntry)};`,
    // The suite as a JSON string, not an object literal: one token for Vite's transform and V8's parser, instead
    // of an AST of every case's fields (a 10,000-case suite cost hundreds of MB in Vite and in the worker).
    `registerSuite(JSON.parse(${JSON.stringify(JSON.stringify({ file: options.file, suite: { ...suite, cases: suite.cases.map(compactCase) } }))}), (suite) => {`,
  ];
  const sourceLines = [1, 1];
  for (const testCase of suite.cases) {
    lines.push(`suite.case(${JSON.stringify(testCase.id)}, (message) => new Error(message));`);
    sourceLines.push(caseLines[testCase.id] ?? 1);
  }
  // Our `import()`, run by Vite: target modules load like test files (TypeScript included, no user loader).
  lines.push('}, (file) => import(/* @vite-ignore */ file));');
  sourceLines.push(1);
  return {
    code: `${lines.join('\n')}\n`,
    map: lineSourceMap({ file: options.file, source: options.text, sourceLines }),
  };
}
