import { AgentCicdError } from '../errors.js';
import { parseJsonSource } from './parse-json-source.js';
import type { SourceDocument } from './source-document.js';
import { generatedFileLimits, type SourceLimits } from './source-limits.js';

/** The first nesting level past `maxDepth` in parsed data (iterative, so deep data cannot overflow the stack). */
function tooDeep(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Parses JSON that agent-cicd wrote (run reports, cassettes, release history, journal lines): `JSON.parse` for speed
 * and memory, and only when something is wrong the locating parser, so syntax errors, nesting deeper than
 * `limits.maxDepth` and later schema errors still get a line and column.
 */
export function parseGeneratedJson(
  text: string,
  file: string,
  limits: Pick<SourceLimits, 'maxDepth'> = generatedFileLimits,
): SourceDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseJsonSource(text, file, limits); // throws the located syntax error
  }
  if (tooDeep(value, limits.maxDepth)) {
    parseJsonSource(text, file, limits); // throws at the first too-deep bracket
    throw new AgentCicdError(
      'AGENT_CICD_PARSE_ERROR',
      `JSON syntax error: nesting deeper than ${limits.maxDepth} levels`,
      {
        location: { file },
      },
    );
  }
  let located: SourceDocument | undefined;
  return {
    file,
    value,
    locate(path, at) {
      located ??= parseJsonSource(text, file, limits);
      return located.locate(path, at);
    },
  };
}
