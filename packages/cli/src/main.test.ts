import { describe, expect, it } from 'vitest';
import { runCli } from './test-utils/run-cli.js';

describe('agent-cicd', () => {
  it('prints help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: agent-cicd');
  });

  it('exits 2 on an unknown command without a stack trace', async () => {
    const run = await runCli(['no-such-command']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
