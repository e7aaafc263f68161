import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../test-utils/user-error.js';
import { approvalsDir, approveRun, readApproval } from './approvals.js';

describe('readApproval (through core guarded loader)', () => {
  it('reads what approveRun wrote, and nothing when there is no file', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'agent-cicd-approvals-'));
    expect(await readApproval(cwd, 'run-1')).toBeUndefined();
    const approval = await approveRun({ cwd, runId: 'run-1', approvedBy: 'ana', now: () => 0 });
    expect(await readApproval(cwd, 'run-1')).toEqual(approval);
  });

  it('refuses a malformed approval with one located error instead of treating it as no approval', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'agent-cicd-approvals-'));
    await mkdir(join(cwd, approvalsDir), { recursive: true });
    const write = (runId: string, content: string | Buffer) =>
      writeFile(join(cwd, approvalsDir, `${runId}.json`), content);
    await write('syntax', '{"runId": }');
    await write('deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await write('latin1', Buffer.from('{"runId": "caf\xe9"}', 'latin1'));
    await write('shape', '{"runId": "shape",\n "approvedBy": 3, "at": "now"}');
    await write('other', '{"runId": "another", "approvedBy": "ana", "at": "now"}');
    expect(await userErrorOf(readApproval(cwd, 'syntax'))).toEqual({
      code: 'AGENT_CICD_PARSE_ERROR',
      line: '.agent-cicd/approvals/syntax.json:1:11: JSON syntax error: unexpected character "}", expected a JSON value',
    });
    expect((await userErrorOf(readApproval(cwd, 'deep'))).line).toBe(
      '.agent-cicd/approvals/deep.json:1:257: JSON syntax error: nesting deeper than 256 levels',
    );
    expect((await userErrorOf(readApproval(cwd, 'latin1'))).code).toBe('AGENT_CICD_FILE_NOT_UTF8');
    expect(await userErrorOf(readApproval(cwd, 'shape'))).toEqual({
      code: 'AGENT_CICD_PIPELINE_APPROVAL_INVALID',
      line: '.agent-cicd/approvals/shape.json:2:16 approvedBy: expected string, got number',
    });
    expect((await userErrorOf(readApproval(cwd, 'other'))).line).toBe(
      '.agent-cicd/approvals/other.json:1:11 runId: the approval is of run "another", not "other"',
    );
  });
});
