import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core/errors';
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

/** The approval of `runId`, if one was recorded (a malformed file is no approval). */
export async function readApproval(cwd: string, runId: string): Promise<Approval | undefined> {
  const text = await readFile(approvalFile(cwd, runId), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = ApprovalSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.runId === runId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
