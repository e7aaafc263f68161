import { closeSync, existsSync, openSync, truncateSync, writeSync } from 'node:fs';
import { AgentCicdError } from '../errors.js';
import { type CaseResult, CaseResultSchema } from '../schema/report.js';
import { parseGeneratedJson } from '../source/parse-generated-json.js';
import { readTextFileSync } from '../source/read-text-file.js';
import { generatedFileLimits } from '../source/source-limits.js';
import { validateSource } from '../source/validate-source.js';

/** First line of a run's JSONL file: what the run is, so `--resume` can check it continues the same run. */
export interface JournalHeader {
  type: 'run';
  runId: string;
  startedAt: string;
  tier: string;
  trials?: number;
  suites: Array<{ name: string; file?: string; cases: number }>;
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
 * killed run loses no finished case. Resuming reads it back (a torn last line is dropped) and appends.
 */
export function openRunJournal(file: string, header: JournalHeader, options: { resume?: boolean } = {}): RunJournal {
  let done: JournalEntry[] = [];
  let effective = header;
  const text =
    options.resume && existsSync(file) ? readTextFileSync(file, file, { maxBytes: generatedFileLimits.maxBytes }) : '';
  const resumed = text.trim() !== '';
  if (resumed) {
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    const lines = text.slice(0, end).split('\n').filter(Boolean);
    const previous = parseLine(lines[0], file, 1) as JournalHeader | undefined;
    if (previous?.type !== 'run') {
      throw new AgentCicdError(
        'AGENT_CICD_RESUME_INVALID',
        'cannot resume: the results file does not start with a run header',
        { location: { file } },
      );
    }
    const same = JSON.stringify(previous.suites) === JSON.stringify(header.suites) && previous.trials === header.trials;
    if (!same) {
      throw new AgentCicdError(
        'AGENT_CICD_RESUME_INVALID',
        'cannot resume: the results file belongs to a run with other suites or trials; start a new run without --resume',
        { location: { file } },
      );
    }
    effective = { ...header, runId: previous.runId, startedAt: previous.startedAt };
    done = lines.slice(1).map((line, i) => {
      const entry = parseLine(line, file, i + 2) as JournalEntry;
      const result = validateSource(
        { file, value: entry.result, locate: () => ({ line: i + 2, column: 1 }) },
        CaseResultSchema,
        'AGENT_CICD_RESUME_INVALID',
      );
      return { ...entry, result };
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
    },
  };
}

/** One journal line as data; a line that is not JSON (or too deep) is a located `AGENT_CICD_RESUME_INVALID`. */
function parseLine(line: string | undefined, file: string, lineNumber: number): unknown {
  if (line === undefined) return undefined;
  try {
    return parseGeneratedJson(line, file).value;
  } catch (cause) {
    const column = cause instanceof AgentCicdError ? cause.location?.column : undefined;
    throw new AgentCicdError('AGENT_CICD_RESUME_INVALID', `cannot resume: line ${lineNumber} is not valid JSON`, {
      cause,
      location: { file, line: lineNumber, ...(column === undefined ? {} : { column }) },
    });
  }
}
