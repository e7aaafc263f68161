import { resolve } from 'node:path';
import type { RegisterCommand } from './types.js';

/** `agent-cicd approve <run>`: the explicit approval a waiting pipeline's approval_gate accepts. */
export const registerApproveCommand: RegisterCommand = (program, io) => {
  program
    .command('approve')
    .description('approve a pipeline run waiting at its approval_gate (the run id is printed by that stage)')
    .argument('<run>', 'the run id')
    .option('--cwd <dir>', 'the agent project the pipeline runs in (default: the current directory)')
    .option('--by <name>', 'who approves (default: $GITHUB_ACTOR, $USER)')
    .action(async (run: string, flags: { cwd?: string; by?: string }) => {
      const { approveRun } = await import('@agent-cicd/deploy-gates/pipeline');
      const approvedBy = flags.by ?? io.env.GITHUB_ACTOR ?? io.env.USER ?? 'unknown';
      const approval = await approveRun({ cwd: resolve(io.cwd, flags.cwd ?? '.'), runId: run, approvedBy });
      io.stdout(`approved run ${approval.runId} (by ${approval.approvedBy} at ${approval.at})\n`);
    });
};
