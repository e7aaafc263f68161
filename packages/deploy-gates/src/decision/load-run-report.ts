import { readFile } from 'node:fs/promises';
import { AgentCicdError, type RunReport, RunReportSchema } from '@agent-cicd/core';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { GateErrorCode } from '../gate-errors.js';
import { describeIssue, locate, locationOf } from '../policy/load-policy.js';

/**
 * Parses and validates a run report (JSON). Errors are `AGENT_CICD_REPORT_INVALID` naming the file and the line,
 * column and field path of the first problem.
 */
export function parseRunReportText(text: string, file: string): RunReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AgentCicdError(GateErrorCode.reportInvalid, `not valid JSON (${(error as Error).message})`, {
      location: { file },
      cause: error,
    });
  }
  const result = RunReportSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] as string] : issue.path;
  // JSON is YAML, so the YAML parser gives the line and column of the offending field.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  throw new AgentCicdError(GateErrorCode.reportInvalid, `not a valid run report: ${describeIssue(issue)}`, {
    location: locationOf(file, lines, locate(doc.contents, path), path),
    cause: result.error,
  });
}

/** Reads a run report written by `agent-cicd run` or the Vitest reporter. */
export async function loadRunReport(path: string): Promise<RunReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AgentCicdError(
      GateErrorCode.reportInvalid,
      `cannot read the run report (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { location: { file: path }, cause: error },
    );
  }
  return parseRunReportText(text, path);
}
