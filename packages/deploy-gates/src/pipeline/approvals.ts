import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core/errors';
import { loadSourceFile, validateSource } from '@agent-cicd/core/source';
import { z } from 'zod';
import { PipelineErrorCode } from './pipeline-errors.js';
import { writeFileAtomic } from './write-pipeline-record.js';

/** Where `agent-cicd approve <run>` writes approvals, relative to the project root. */
export const approvalsDir = '.agent-cicd/approvals';

export const ApprovalSchema = z
  .object({ runId: z.string().min(1), approvedBy: z.string().min(1), at: z.string() })
  .strict();
export type Approval = z.output<typeof ApprovalSchema>;

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function approvalFile(cwd: string, runId: string): string {
  if (!RUN_ID.test(runId)) {
    throw new AgentCicdError(
      PipelineErrorCode.invalidRunId,
      `run id "${runId}" is not one a pipeline prints (letters, digits, ".", "_", "-")`,
    );
  }
  return join(cwd, approvalsDir, `${runId}.json`);
}

/** Records an explicit approval of one pipeline run (what `agent-cicd approve <run>` does). */
export async function approveRun(options: {
  cwd: string;
  runId: string;
  approvedBy: string;
  now?: () => number;
}): Promise<Approval> {
  const file = approvalFile(options.cwd, options.runId);
  const approval: Approval = {
    runId: options.runId,
    approvedBy: options.approvedBy,
    at: new Date((options.now ?? Date.now)()).toISOString(),
  };
  await writeFileAtomic(file, `${JSON.stringify(approval, null, 2)}\n`);
  return approval;
}

/**
 * The approval of `runId`, if one was recorded. The file goes through core's guarded loader: a malformed one
 * (oversized, not UTF-8, not JSON, too deep, wrong shape) is never an approval but one located error
 * (`AGENT_CICD_PIPELINE_APPROVAL_INVALID` for the wrong shape, or another run's approval), so the run stops.
 */
export async function readApproval(cwd: string, runId: string): Promise<Approval | undefined> {
  const file = approvalFile(cwd, runId);
  if (!existsSync(file)) return undefined;
  const doc = await loadSourceFile(file, { name: join(approvalsDir, `${runId}.json`) });
  const approval = validateSource(doc, ApprovalSchema, PipelineErrorCode.invalidApproval);
  if (approval.runId !== runId) {
    throw new AgentCicdError(
      PipelineErrorCode.invalidApproval,
      `the approval is of run "${approval.runId}", not "${runId}"`,
      {
        location: { file: doc.file, ...doc.locate(['runId']), path: 'runId' },
      },
    );
  }
  return approval;
}
