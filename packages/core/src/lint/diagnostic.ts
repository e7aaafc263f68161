import { AgentCicdError, formatLocation, InvalidFileError, type SourceLocation } from '../errors.js';

/** One lint finding. Errors fail `agent-cicd lint`; warnings are printed only. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  location: SourceLocation;
}

/** The diagnostics an `AgentCicdError` stands for (every problem of an `InvalidFileError`); other errors are rethrown. */
export function diagnosticsFromError(error: unknown, fallback: SourceLocation): Diagnostic[] {
  if (error instanceof InvalidFileError)
    return error.problems.flatMap((problem) => diagnosticsFromError(problem, fallback));
  if (error instanceof AgentCicdError) {
    return [{ severity: 'error', code: error.code, message: error.message, location: error.location ?? fallback }];
  }
  throw error;
}

/** `file:line:col path: message`, or `file:line:col: warning: message`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = formatLocation(diagnostic.location);
  return diagnostic.severity === 'warning'
    ? `${where}: warning: ${diagnostic.message}`
    : `${where}: ${diagnostic.message}`;
}
