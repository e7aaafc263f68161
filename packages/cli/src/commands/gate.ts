import { resolve } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core/errors';
import { Option } from 'commander';
import { parseNumberOption } from '../options/parse-option-values.js';
import type { RegisterCommand } from './types.js';

interface GateFlags {
  baseline: string;
  candidate?: string;
  baselineCell?: string;
  candidateCell?: string;
  policy?: string;
  step?: string;
  canaryMetrics?: string;
  json?: boolean;
  markdown?: boolean;
}

function parseStep(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return parseNumberOption(value, '--step', { above: 0, max: 100 });
}

function candidateFile(flags: GateFlags): string {
  if (flags.candidate !== undefined) return flags.candidate;
  if (flags.candidateCell !== undefined) return flags.baseline;
  throw new AgentCicdError('AGENT_CICD_USAGE', "required option '--candidate <file>' not specified");
}

/** A run report, or one cell of a matrix report; a matrix report without a cell is a usage error. */
async function loadSide(file: string, cell: string | undefined, flag: string) {
  const { loadRunReport } = await import('@agent-cicd/deploy-gates');
  const report = await loadRunReport(file);
  const { selectCell } = await import('@agent-cicd/core/matrix');
  if (cell !== undefined) return selectCell(report, cell);
  if (report.matrix) {
    throw new AgentCicdError(
      'AGENT_CICD_USAGE',
      `${file} is a matrix report: choose a cell with ${flag} (cells: ${report.matrix.cells.map((c) => c.id).join(', ')})`,
    );
  }
  return report;
}

/** `agent-cicd gate`: the statistical deploy gate over two run reports. */
export const registerGateCommand: RegisterCommand = (program, io, state) => {
  program
    .command('gate')
    .description(
      'Compare a candidate run report with the baseline and decide: promote/advance (exit 0), rollback (exit 1), hold (exit 3); invalid input exits 2.',
    )
    .requiredOption('--baseline <file>', 'run report (JSON) of the release in production')
    .option(
      '--candidate <file>',
      'run report (JSON) of the release to gate (default with --candidate-cell: the baseline file)',
    )
    .option('--baseline-cell <id>', 'of a matrix report (run --matrix): the cell to use as the baseline')
    .option('--candidate-cell <id>', 'of a matrix report (run --matrix): the cell to gate')
    .option('--policy <file>', 'gate policy (YAML or JSON); without it the default policy applies')
    .option('--step <percent>', 'canary step being decided (traffic %); answers "advance" until the last step')
    .option('--canary-metrics <file>', 'live canary outcomes per look (JSON array) for the sequential canary test')
    .addOption(new Option('--json', 'print the decision as JSON').conflicts('markdown'))
    .addOption(new Option('--markdown', 'print the decision as a markdown table'))
    .action(async (flags: GateFlags) => {
      // Loaded on use, so other subcommands do not pay for the gate's modules at startup.
      const {
        decide,
        decisionExitCode,
        defaultPolicy,
        loadCanaryMetrics,
        loadPolicy,
        renderDecisionMarkdown,
        renderDecisionText,
      } = await import('@agent-cicd/deploy-gates');
      const at = (file: string): string => resolve(io.cwd, file);
      const step = parseStep(flags.step);
      // One after the other, so a user with two bad inputs always hears about the baseline first.
      const baseline = await loadSide(at(flags.baseline), flags.baselineCell, '--baseline-cell');
      const candidate = await loadSide(at(candidateFile(flags)), flags.candidateCell, '--candidate-cell');
      const [policy, canaryMetrics] = await Promise.all([
        flags.policy === undefined ? defaultPolicy() : loadPolicy(at(flags.policy)),
        flags.canaryMetrics === undefined ? undefined : loadCanaryMetrics(at(flags.canaryMetrics)),
      ]);
      const decision = decide({
        baseline,
        candidate,
        policy,
        ...(step === undefined ? {} : { step }),
        ...(canaryMetrics === undefined ? {} : { canaryMetrics }),
      });
      if (flags.json) io.stdout(`${JSON.stringify(decision, null, 2)}\n`);
      else if (flags.markdown) io.stdout(renderDecisionMarkdown(decision));
      else io.stdout(renderDecisionText(decision));
      state.exitCode = decisionExitCode(decision);
    });
};
