import { z } from 'zod';
import { approvalsDir, readApproval } from '../approvals.js';
import { defineStage, type StageOutcome } from '../pipeline-stage.js';

export const ApprovalGateOptionsSchema = z
  .object({
    /** Fail the stage when no approval came within this time. */
    timeoutSeconds: z.number().positive().default(900),
    pollSeconds: z.number().positive().default(2),
    /** Environment variable that approves: `1`/`true`/`yes`, or the run id. */
    env: z.string().min(1).default('AGENT_CICD_APPROVE'),
    /**
     * The CI system's protected environment (e.g. `production`): in GitHub Actions, a job bound to an
     * environment with required reviewers starts only once they approved, so running there is the approval.
     */
    protectedEnvironment: z.string().min(1).optional(),
  })
  .strict();

const yes = (value: string | undefined): boolean => value !== undefined && /^(1|true|yes)$/i.test(value.trim());

/**
 * `approval_gate`: an explicit approval before canary and production. Accepted, in order: `--approve`, the
 * environment variable (`AGENT_CICD_APPROVE=1` or `=<run id>`), the CI system's protected environment, then —
 * waiting up to `timeoutSeconds` — `agent-cicd approve <run>` (a file under `.agent-cicd/approvals/`) or a `y`
 * at the terminal. No approval in time fails the stage; a `n` at the terminal rejects at once.
 */
export const approvalGateStage = defineStage({
  name: 'approval_gate',
  description:
    'an explicit approval (agent-cicd approve <run>, an env var, a TTY prompt or a protected CI environment)',
  options: ApprovalGateOptionsSchema,
  async run({ runId, cwd, env, clock, prompt, shared, state, log, options }) {
    const approved = (by: string, how: string): StageOutcome => {
      state.approvedBy = by;
      return { status: 'passed', summary: `approved by ${by} (${how})`, details: { approvedBy: by, how } };
    };
    if (shared.approve) return approved('the operator', '--approve');
    const variable = env[options.env];
    if (yes(variable) || variable === runId) return approved(`$${options.env}`, 'environment variable');
    if (options.protectedEnvironment !== undefined && env.GITHUB_ACTIONS === 'true') {
      return approved(
        `the reviewers of GitHub environment "${options.protectedEnvironment}"`,
        `job ran in protected environment, actor ${env.GITHUB_ACTOR ?? 'unknown'}`,
      );
    }
    const deadline = clock.now() + options.timeoutSeconds * 1000;
    log(
      `approval_gate: waiting up to ${options.timeoutSeconds} s — run \`agent-cicd approve ${runId}\`${prompt ? ' or answer y here' : ''}`,
    );
    const controller = new AbortController();
    let answer: 'yes' | 'no' | undefined;
    const asked = prompt?.(`Approve run ${runId} for canary and production? [y/N] `, controller.signal)
      .then((text) => {
        answer = /^y(es)?$/i.test(text.trim()) ? 'yes' : 'no';
      })
      .catch(() => {});
    try {
      for (;;) {
        const approval = await readApproval(cwd, runId);
        if (approval !== undefined) return approved(approval.approvedBy, `agent-cicd approve at ${approval.at}`);
        if (answer === 'yes') return approved('the operator', 'terminal prompt');
        if (answer === 'no') {
          return { status: 'failed', summary: 'rejected at the terminal prompt', details: { rejected: true } };
        }
        const left = deadline - clock.now();
        if (left <= 0) break;
        await Promise.race([clock.sleep(Math.min(left, options.pollSeconds * 1000)), asked ?? new Promise(() => {})]);
      }
    } finally {
      controller.abort();
    }
    return {
      status: 'failed',
      summary: `no approval within ${options.timeoutSeconds} s (agent-cicd approve ${runId}, $${options.env}, --approve)`,
      details: { timedOut: true, timeoutSeconds: options.timeoutSeconds, approvalsDir },
    };
  },
});
