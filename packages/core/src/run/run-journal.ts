import { closeSync, existsSync, openSync, truncateSync, writeSync } from 'node:fs';
import { AgentCicdError } from '../errors.js';
import { type CaseResult, CaseResultSchema } from '../schema/report.js';
import { parseJsonLine } from '../source/parse-json-line.js';
import { readTextFileSync } from '../source/read-text-file.js';
import type { SourceDocument } from '../source/source-document.js';
import { generatedFileLimits } from '../source/source-limits.js';
import { validateSource } from '../source/validate-source.js';
import { acquireJournalLock } from './journal-lock.js';

/** First line of a run's JSONL file: what the run is, so `--resume` can check it continues the same run. */
export interface JournalHeader {
  type: 'run';
  runId: string;
  startedAt: string;
  tier: string;
  trials?: number;
  suites: Array<{ name: string; file?: string; cases: number }>;
  /** What a resume must match exactly: suite contents and case ids (in order), tier, trials, seed, model. */
  fingerprint?: RunFingerprint;
}

/** The identity of a run; `--resume` refuses a results file whose fingerprint differs in any field. */
export interface RunFingerprint {
  tier: string;
  trials: number | null;
  seed: number | null;
  model: string | null;
  /** `--no-judge`; absent in journals written before it was recorded (they ran with the judge). */
  skipJudge?: boolean;
  suites: Array<{ name: string; file: string | null; hash: string; caseIds: string[] }>;
}

/** The first difference between two fingerprints, as a phrase (`the seed is 2, the results file has 1`). */
export function fingerprintDifference(
  previous: RunFingerprint | undefined,
  current: RunFingerprint,
): string | undefined {
  if (!previous) return 'the results file has no run fingerprint (written by an older version)';
  const show = (value: unknown): string => (value === null || value === undefined ? 'none' : JSON.stringify(value));
  for (const key of ['tier', 'trials', 'seed', 'model'] as const) {
    if (previous[key] !== current[key]) {
      return `this run has ${key} ${show(current[key])}, the results file ${show(previous[key])}`;
    }
  }
  if ((previous.skipJudge ?? false) !== (current.skipJudge ?? false)) {
    return current.skipJudge
      ? 'this run skips the judge (--no-judge), the results file was graded by it'
      : 'this run has the judge, the results file skipped it (--no-judge)';
  }
  if (previous.suites.length !== current.suites.length) {
    return `this run has ${current.suites.length} suites, the results file ${previous.suites.length}`;
  }
  for (const [i, suite] of current.suites.entries()) {
    const before = previous.suites[i];
    if (!before || before.name !== suite.name || before.file !== suite.file) {
      return `suite ${i + 1} is ${show(suite.name)}, in the results file ${show(before?.name)}`;
    }
    if (before.caseIds.join('\u0000') !== suite.caseIds.join('\u0000')) {
      return `the cases of suite ${show(suite.name)} were added, removed or reordered`;
    }
    if (before.hash !== suite.hash) return `suite ${show(suite.name)} changed since the results file was written`;
  }
  return undefined;
}

/** One finished case. `suite` and `index` place it in the run (reports list cases in suite order). */
export interface JournalEntry {
  type: 'case';
  suite: number;
  index: number;
  result: CaseResult;
}

export interface RunJournal {
  header: JournalHeader;
  /** Cases already finished (when resuming). */
  done: JournalEntry[];
  append(entry: Omit<JournalEntry, 'type'>): void;
  close(): void;
}

/**
 * The append-only JSONL file results stream to, one line per finished case, written synchronously so a
 * killed run loses no finished case. The file is locked (`<file>.lock`) while open: a second run on it is refused.
 * Resuming reads it back (a torn last line is dropped), refuses a run whose fingerprint differs, and appends;
 * a line placing a case outside the run, or a case already recorded, is a located `AGENT_CICD_RESUME_INVALID`.
 */
export function openRunJournal(file: string, header: JournalHeader, options: { resume?: boolean } = {}): RunJournal {
  const release = acquireJournalLock(file);
  try {
    return openLocked(file, header, options, release);
  } catch (error) {
    release();
    throw error;
  }
}

function openLocked(
  file: string,
  header: JournalHeader,
  options: { resume?: boolean },
  release: () => void,
): RunJournal {
  const done: JournalEntry[] = [];
  let effective = header;
  const text =
    options.resume && existsSync(file) ? readTextFileSync(file, file, { maxBytes: generatedFileLimits.maxBytes }) : '';
  const end = text.lastIndexOf('\n') + 1;
  // Only whole lines count: a run killed while writing its header left nothing to resume.
  const resumed = text.slice(0, end).trim() !== '';
  if (resumed) {
    if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    const lines = text.slice(0, end).split('\n');
    const previous = parseLine(lines[0], file, 1)?.value as JournalHeader | undefined;
    if (previous?.type !== 'run') {
      throw new AgentCicdError(
        'AGENT_CICD_RESUME_INVALID',
        'cannot resume: the results file does not start with a run header',
        { location: { file, line: 1 } },
      );
    }
    const difference = header.fingerprint
      ? fingerprintDifference(previous.fingerprint, header.fingerprint)
      : JSON.stringify(previous.suites) === JSON.stringify(header.suites) && previous.trials === header.trials
        ? undefined
        : 'other suites or trials';
    if (difference) {
      throw new AgentCicdError(
        'AGENT_CICD_RESUME_INVALID',
        `cannot resume: ${difference}; start a new run without --resume (or with another --results file)`,
        { location: { file, line: 1 } },
      );
    }
    effective = { ...header, runId: previous.runId, startedAt: previous.startedAt };
    const seen = new Set<string>();
    lines.slice(1).forEach((line, i) => {
      if (line.trim() === '') return;
      const lineNumber = i + 2;
      const at = { file, line: lineNumber, column: 1 };
      const doc = parseLine(line, file, lineNumber);
      const entry = doc?.value as Partial<JournalEntry> | undefined;
      const suite = header.suites[entry?.suite ?? -1];
      if (
        entry?.type !== 'case' ||
        !Number.isInteger(entry.index) ||
        !suite ||
        (entry.index as number) < 0 ||
        (entry.index as number) >= suite.cases
      ) {
        throw new AgentCicdError(
          'AGENT_CICD_RESUME_INVALID',
          'cannot resume: the line is not a case of this run ({ "type": "case", "suite", "index", "result" })',
          { location: at },
        );
      }
      const key = `${entry.suite}:${entry.index}`;
      if (seen.has(key)) {
        throw new AgentCicdError(
          'AGENT_CICD_RESUME_INVALID',
          `cannot resume: case ${(entry.index as number) + 1} of suite "${suite.name}" is recorded twice`,
          { location: at },
        );
      }
      seen.add(key);
      const result = validateSource(
        { file, value: entry.result, locate: (path, where) => doc?.locate(['result', ...path], where) },
        CaseResultSchema,
        'AGENT_CICD_RESUME_INVALID',
      );
      done.push({ type: 'case', suite: entry.suite as number, index: entry.index as number, result });
    });
  }
  const fd = openSync(file, resumed ? 'a' : 'w');
  if (!resumed) writeSync(fd, `${JSON.stringify(effective)}\n`);
  return {
    header: effective,
    done,
    append(entry) {
      writeSync(fd, `${JSON.stringify({ type: 'case', ...entry })}\n`);
    },
    close() {
      closeSync(fd);
      release();
    },
  };
}

/**
 * One journal line through core's guarded JSON path: a line that is not JSON, or nested too deep, is
 * `AGENT_CICD_PARSE_ERROR` at `file:line:col` (the same code as any other file's syntax error).
 */
function parseLine(line: string | undefined, file: string, lineNumber: number): SourceDocument | undefined {
  if (line === undefined) return undefined;
  return parseJsonLine(line, file, lineNumber);
}
