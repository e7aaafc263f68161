import { closeSync, createReadStream, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunReport } from '../schema/report.js';
import { createResultRedactor } from './create-result-redactor.js';

const indent = (json: string, spaces: string): string => json.replaceAll('\n', `\n${spaces}`);

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
  // First pass: where each case's line is (numbers only), so cases can be written in suite order.
  const where: Array<Array<{ start: number; length: number }>> = report.suites.map(() => []);
  let offset = 0;
  const lines = createInterface({ input: createReadStream(resultsFile), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const length = Buffer.byteLength(line);
    const head = /^\{"type":"case","suite":(\d+),"index":(\d+),/.exec(line);
    const spots = head ? where[Number(head[1])] : undefined;
    if (head && spots) spots[Number(head[2])] = { start: offset, length };
    offset += length + 1;
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
        const buffer = Buffer.alloc(spot.length);
        readSync(source, buffer, 0, spot.length, spot.start);
        const entry = redact(JSON.parse(buffer.toString('utf8')) as { result: unknown });
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
