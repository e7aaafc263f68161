import { open, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CaseResult, RunReport, SuiteResult } from '@agent-cicd/core';
import { decodeUtf8, parseJsonLine, readJsonLines } from '@agent-cicd/core/source';
import { buildRunReport, createSuiteAccumulator } from '@agent-cicd/core/testing';
import type { JournalLine } from '../runtime/case-journal.js';
import { type CollectedRun, erroredCase } from './collect-cases.js';

interface Spot {
  file: string;
  line: number;
  start: number;
  length: number;
}

const caseKey = (file: string, suite: string, index: number): string => `${file}\0${suite}\0${index}`;

/**
 * Where each journaled case's line is (numbers, not results); a case recorded twice (a retry) counts once, the last.
 * Read through core's guarded JSON Lines path: one line in memory, UTF-8 and depth checked, errors at file:line:col.
 */
async function indexJournal(dir: string, root: string): Promise<Map<string, Spot>> {
  const spots = new Map<string, Spot>();
  const files = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.jsonl')).sort();
  for (const name of files) {
    const file = join(dir, name);
    for await (const { line, start, length, doc } of readJsonLines(file)) {
      const entry = doc.value as JournalLine;
      spots.set(caseKey(relative(root, entry.suite.file), entry.suite.name, entry.index), {
        file,
        line,
        start,
        length,
      });
    }
  }
  return spots;
}

export interface StreamedReport {
  /** The report as written, except that its suites list only the cases that did not pass (for the summaries). */
  summary: RunReport;
  /** The JSONL file holding every case in report order (`writeRunReport`'s input); the caller removes it. */
  resultsFile: string;
}

/**
 * Reads the cases the workers journaled, in report order (suite order, then definition order), one at a time:
 * summarises each suite as it goes and copies the cases into `resultsFile` in order, keeping only the counts and
 * the cases that did not pass. `writeRunReport` then writes the full report from that file, so memory does not
 * grow with the number of cases and the file is what `JSON.stringify(report, null, 2)` gave with them in memory.
 */
export async function streamJournaledCases(options: {
  collected: CollectedRun;
  journalDir: string;
  root: string;
  status: RunReport['status'];
  startedAt: Date;
  /** How the run was made (`skipJudge` for the plugin's `judge: false`). */
  options?: RunReport['options'];
}): Promise<StreamedReport> {
  const { collected, journalDir, root } = options;
  const spots = await indexJournal(journalDir, root);
  const resultsFile = join(journalDir, 'report-order.jsonl');
  const out = await open(resultsFile, 'w');
  const handles = new Map<string, Awaited<ReturnType<typeof open>>>();
  const readSpot = async (spot: Spot): Promise<CaseResult> => {
    let handle = handles.get(spot.file);
    if (!handle) {
      handle = await open(spot.file, 'r');
      handles.set(spot.file, handle);
    }
    const buffer = Buffer.alloc(spot.length);
    await handle.read(buffer, 0, spot.length, spot.start);
    return (parseJsonLine(decodeUtf8(buffer, spot.file), spot.file, spot.line).value as JournalLine).result;
  };
  const suites: SuiteResult[] = [];
  const latencies: number[] = [];
  try {
    for (const [s, { info, cases }] of collected.suites.entries()) {
      const accumulator = createSuiteAccumulator(info);
      const notPassed: CaseResult[] = [];
      for (const [i, entry] of cases.entries()) {
        let result: CaseResult;
        if ('result' in entry) result = entry.result;
        else {
          const spot = spots.get(caseKey(info.file, info.name, entry.index));
          result = spot
            ? await readSpot(spot)
            : erroredCase(
                entry.caseId ?? `#${entry.index + 1}`,
                entry.missing ?? "the case's result is missing from the run's journal",
              );
        }
        accumulator.add(result);
        if (result.status !== 'passed') notPassed.push(result);
        await out.write(`${JSON.stringify({ type: 'case', suite: s, index: i, result })}\n`);
      }
      // One at a time: spreading a large suite's latencies into push() overflows the stack (~120k arguments).
      for (const latency of accumulator.latencies) latencies.push(latency);
      suites.push(accumulator.result(notPassed));
    }
  } finally {
    await out.close();
    await Promise.all([...handles.values()].map((handle) => handle.close()));
  }
  const summary = buildRunReport({
    suites,
    status: options.status,
    startedAt: options.startedAt,
    latencies,
    ...(collected.tier === undefined ? {} : { tier: collected.tier }),
    ...(options.options === undefined ? {} : { options: options.options }),
  });
  return { summary, resultsFile };
}

/** Removes the run's journal (the workers make it again for the next run, in watch mode). */
export async function removeJournal(journalDir: string): Promise<void> {
  await rm(journalDir, { recursive: true, force: true });
}
