import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult } from '@agent-cicd/core';
import type { SuiteInfo } from './case-meta.js';

/** One line of a worker's journal: a finished case, placed in its suite by its definition index. */
export interface JournalLine {
  suite: SuiteInfo;
  index: number;
  caseId: string;
  tier?: string;
  result: CaseResult;
}

let file: string | undefined;
let fileDir: string | undefined;

/**
 * Appends a finished case to this module instance's journal file in `dir` (the reporter reads them all at the end
 * of the run and removes them), synchronously, so the result object can go as soon as the case ends: neither the
 * worker nor Vitest's task tree holds case results, whatever the number of cases.
 */
export function recordCase(dir: string, line: JournalLine): void {
  if (file === undefined || fileDir !== dir) {
    mkdirSync(dir, { recursive: true });
    file = join(dir, `${process.pid}-${randomUUID()}.jsonl`);
    fileDir = dir;
  }
  const text = `${JSON.stringify(line)}\n`;
  try {
    appendFileSync(file, text);
  } catch (error) {
    // The reporter removed the journal after the previous run (watch mode): make it again.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dir, { recursive: true });
    appendFileSync(file, text);
  }
}
