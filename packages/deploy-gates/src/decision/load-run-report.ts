import { AgentCicdError, type RunReport, RunReportSchema } from '@agent-cicd/core';
import { generatedFileLimits, parseGeneratedJson, readTextFile } from '@agent-cicd/core/source';
import type { z } from 'zod';
import { GateErrorCode } from '../gate-errors.js';
import { describeIssue, formatPath } from '../policy/load-policy.js';
import { checkReportConsistency } from './check-report-consistency.js';

/**
 * Parses and validates a run report (JSON) through core's guarded JSON path. A syntax error is
 * `AGENT_CICD_PARSE_ERROR`; a report that breaks the schema `AGENT_CICD_REPORT_INVALID`, naming the file and the
 * line, column and field path of the first problem; so is a report that contradicts itself (more passes than
 * trials, counts that disagree with the case list: `checkReportConsistency`).
 */
export function parseRunReportText(text: string, file: string): RunReport {
  const doc = parseGeneratedJson(text, file);
  const result = RunReportSchema.safeParse(doc.value);
  if (result.success) {
    const problem = checkReportConsistency(result.data);
    if (!problem) return result.data;
    throw new AgentCicdError(GateErrorCode.reportInvalid, `inconsistent run report: ${problem.message}`, {
      location: { file, ...doc.locate(problem.path), path: formatPath(problem.path) },
    });
  }
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] as string] : issue.path;
  const segments = path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
  throw new AgentCicdError(GateErrorCode.reportInvalid, `not a valid run report: ${describeIssue(issue)}`, {
    location: { file, ...doc.locate(segments), ...(path.length > 0 ? { path: formatPath(path) } : {}) },
    cause: result.error,
  });
}

/** Reads a run report written by `agent-cicd run` or the Vitest reporter (size and UTF-8 checked). */
export async function loadRunReport(path: string): Promise<RunReport> {
  return parseRunReportText(await readTextFile(path, path, { maxBytes: generatedFileLimits.maxBytes }), path);
}
