import { AgentCicdError } from '../errors.js';
import { parseGeneratedJson } from './parse-generated-json.js';
import type { SourceDocument } from './source-document.js';
import { generatedFileLimits, type SourceLimits } from './source-limits.js';

/** Moves an error located in one line's text (line 1) to that line of the file. */
function atLine(error: AgentCicdError, file: string, line: number): AgentCicdError {
  const column = error.location?.line === 1 ? error.location.column : undefined;
  return new AgentCicdError(error.code, error.message, {
    cause: error.cause,
    location: { file, line, column: column ?? 1, ...(error.location?.path ? { path: error.location.path } : {}) },
  });
}

/**
 * Parses one line of a JSON Lines file (a run journal) through the guarded JSON path: a syntax error or nesting
 * deeper than `limits.maxDepth` is `AGENT_CICD_PARSE_ERROR` at `file:line:col`, and the document locates values
 * on that line of the file.
 */
export function parseJsonLine(
  text: string,
  file: string,
  line: number,
  limits: Pick<SourceLimits, 'maxDepth'> = generatedFileLimits,
): SourceDocument {
  let doc: SourceDocument;
  try {
    doc = parseGeneratedJson(text, file, limits);
  } catch (error) {
    throw error instanceof AgentCicdError ? atLine(error, file, line) : error;
  }
  return {
    file,
    value: doc.value,
    locate(path, at) {
      const position = doc.locate(path, at);
      return { line, column: position?.line === 1 ? position.column : 1 };
    },
  };
}
