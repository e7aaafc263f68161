import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The figures of a fault test (`*.faults.test.ts`): one JSON file per test file in `.agent-cicd/fault-figures/`,
 * printed together by `npm run test:faults` (scripts/test-faults.mjs), which judges each figure against its goal.
 * A test writes its figures only after measuring them; the script clears the directory before running the tests,
 * so a figure that was not measured in this run is missing, not stale.
 */
export interface FaultFigure {
  /** Stable id, e.g. `fault-setups`. */
  id: string;
  /** What was measured, in a few words. */
  description: string;
  value: number;
  /** The target: `value <op> goal.value`. */
  goal: { op: '>=' | '<=' | '=='; value: number };
}

/** Repository root (this file is `scripts/fault-figures.ts`). */
export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Directory the figures are written to. `AGENT_CICD_FAULT_FIGURES` overrides it (tests of the script itself). */
export function faultFiguresDir(): string {
  return process.env.AGENT_CICD_FAULT_FIGURES ?? join(repositoryRoot, '.agent-cicd', 'fault-figures');
}

/** Writes `<dir>/<name>.json` atomically (temp file + rename). */
export function writeFaultFigures(name: string, figures: FaultFigure[]): void {
  const dir = faultFiguresDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ name, figures }, null, 2)}\n`);
  renameSync(temp, file);
}
