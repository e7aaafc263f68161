import { basename } from 'node:path';
import { AgentCicdError, type SourceLocation } from '../errors.js';
import { parseSource } from '../source/parse-source.js';
import { readTextFile } from '../source/read-text-file.js';
import { formatPath, type PathSegment } from '../source/source-document.js';
import { toUserPath, validateSource } from '../source/validate-source.js';
import { applyCaseDefaults, PromptTestCaseListSchema } from './prompt-test-case.js';
import { type Suite, SuiteSchema } from './suite.js';

/** A suite and where it came from. */
export interface LoadedSuite {
  suite: Suite;
  /** The file as given to the loader. */
  file: string;
  /** The 1-based line where each case starts, by case id. */
  caseLines: Record<string, number>;
  /**
   * Where a field is, given its schema path (camelCase, e.g. `['cases', 2, 'systemPromptVersion']`): file, line,
   * column and the path as the user spelled it. For errors found after loading (unknown prompt versions, …).
   */
  locate(path: readonly PathSegment[]): SourceLocation;
}

/** `tests/prompt_test_cases.json` → `prompt_test_cases`; `support.prompt.yaml` → `support`. */
function nameFromFile(file: string): string {
  return basename(file).replace(/(\.(cases|prompt|suite))?\.(json|ya?ml)$/i, '');
}

/**
 * Parses a suite from text. YAML (`*.prompt.yaml`, `*.suite.yaml`) holds a suite object; JSON (`*.cases.json`,
 * the seed's `prompt_test_cases.json`) holds either a suite object or a bare array of cases (named after the
 * file). Throws an `InvalidFileError` whose problems name the file, line, column and field path.
 */
export function parseSuiteText(text: string, file: string): LoadedSuite {
  const doc = parseSource(text, file);
  if (doc.value === null || doc.value === undefined) {
    throw new AgentCicdError('AGENT_CICD_SUITE_INVALID', 'file is empty: a suite needs a name and cases', {
      location: { file, line: 1, column: 1 },
    });
  }
  const isList = Array.isArray(doc.value);
  const suite: Suite = isList
    ? (() => {
        const cases = validateSource(doc, PromptTestCaseListSchema, 'AGENT_CICD_SUITE_INVALID');
        return { name: nameFromFile(file), defaults: {}, vars: {}, cases: cases.map((c) => applyCaseDefaults(c)) };
      })()
    : validateSource(doc, SuiteSchema, 'AGENT_CICD_SUITE_INVALID');
  const casesPath = isList ? [] : ['cases'];
  const lines = doc.itemLines?.(casesPath);
  const caseLines: Record<string, number> = {};
  suite.cases.forEach((testCase, index) => {
    const line = lines ? lines[index] : doc.locate([...casesPath, index])?.line;
    if (line !== undefined) caseLines[testCase.id] = line;
  });
  const locate = (path: readonly PathSegment[]): SourceLocation => {
    const user = toUserPath(doc.value, isList && path[0] === 'cases' ? path.slice(1) : path).path;
    return { file, ...doc.locate(user), ...(user.length > 0 ? { path: formatPath(user) } : {}) };
  };
  return { suite, file, caseLines, locate };
}

/** Reads and parses a suite file; see {@link parseSuiteText}. */
export async function loadSuiteFile(path: string): Promise<LoadedSuite> {
  return parseSuiteText(await readTextFile(path), path);
}
