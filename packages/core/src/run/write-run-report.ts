import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AgentCicdError } from '../errors.js';
import type { RunReport } from '../schema/report.js';
import { decodeUtf8 } from '../source/decode-utf8.js';
import { parseJsonLine } from '../source/parse-json-line.js';
import { readTextLines } from '../source/read-json-lines.js';
import { createResultRedactor } from './create-result-redactor.js';

const indent = (json: string, spaces: string): string => json.replaceAll('\n', `\n${spaces}`);

interface Spot {
  line: number;
  start: number;
  length: number;
}

/** One case line read back through the guarded path (UTF-8, depth; located at `file:line:col`). */
function readCase(source: number, spot: Spot, file: string): unknown {
  const buffer = Buffer.alloc(spot.length);
  readSync(source, buffer, 0, spot.length, spot.start);
  let text: string;
  try {
    text = decodeUtf8(buffer, file);
  } catch (error) {
    const column = error instanceof AgentCicdError ? error.location?.column : undefined;
    throw new AgentCicdError('AGENT_CICD_FILE_NOT_UTF8', (error as Error).message, {
      location: { file, line: spot.line, column: column ?? 1 },
    });
  }
  const doc = parseJsonLine(text, file, spot.line);
  const entry = doc.value as { type?: unknown; result?: unknown } | null;
  if (typeof entry?.result !== 'object' || entry.result === null || Array.isArray(entry.result)) {
    throw new AgentCicdError(
      'AGENT_CICD_JOURNAL_INVALID',
      'a case line of the results journal has no result object (was the file changed while the run wrote it?)',
      { location: { file, ...doc.locate(['result']), path: 'result' } },
    );
  }
  return entry;
}

/**
 * Writes a report whose suites were summarised without their cases (`runSuite({ keepResults: false })`), taking
 * the cases from the run's JSONL file one at a time, in suite order: memory stays flat however many cases ran.
 * The file is the same JSON `JSON.stringify(report, null, 2)` would give with the cases in place.
 */
export async function writeRunReport(options: {
  report: RunReport;
  resultsFile: string;
  file: string;
  /** Applied to the report and each case as written. @default known key formats and provider key variables */
  redact?: <T>(value: T) => T;
}): Promise<void> {
  const { resultsFile, file } = options;
  const redact = options.redact ?? createResultRedactor();
  const report = redact(options.report);
  // First pass: where each case's line is (numbers only), so cases can be written in suite order. Lines are read
  // through the guarded path (one line in memory, UTF-8 checked, located errors).
  const where: Spot[][] = report.suites.map(() => []);
  for await (const { line, start, length, text } of readTextLines(resultsFile)) {
    const head = /^\{"type":"case","suite":(\d+),"index":(\d+),/.exec(text);
    const spots = head ? where[Number(head[1])] : undefined;
    if (head && spots) spots[Number(head[2])] = { line, start, length };
  }

  mkdirSync(dirname(file), { recursive: true });
  const source = openSync(resultsFile, 'r');
  // Written beside the target and renamed over it at the end: a reader never sees half a report.
  const temp = `${file}.${process.pid}.tmp`;
  const out = openSync(temp, 'w');
  let written = false;
  try {
    const marker = '__cases__';
    const skeleton = JSON.stringify(
      { ...report, suites: report.suites.map((suite) => ({ ...suite, cases: marker })) },
      null,
      2,
    ).split(`"cases": ${JSON.stringify(marker)}`);
    for (const [s, text] of skeleton.entries()) {
      writeSync(out, text);
      if (s === skeleton.length - 1) break;
      const spots = (where[s] ?? []).filter(Boolean);
      if (spots.length === 0) {
        writeSync(out, '"cases": []');
        continue;
      }
      writeSync(out, '"cases": [');
      spots.forEach((spot, i) => {
        const entry = redact(readCase(source, spot, resultsFile) as { result: unknown });
        writeSync(out, `${i === 0 ? '' : ','}\n        ${indent(JSON.stringify(entry.result, null, 2), '        ')}`);
      });
      writeSync(out, '\n      ]');
    }
    writeSync(out, '\n');
    written = true;
  } finally {
    closeSync(source);
    closeSync(out);
    if (written) renameSync(temp, file);
    else rmSync(temp, { force: true });
  }
}
