import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ActionContext, runCompositeAction } from './run-composite-action.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const actionFile = join(root, 'action.yml');
const validator = join(root, 'node_modules/@action-validator/cli/cli.mjs');

function validate(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [validator, file], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** A `gh` on PATH that logs each call (arguments, then stdin) and answers the comment listing with $GH_EXISTING_ID. */
function ghStub(dir: string): { path: string; log: string } {
  const log = join(dir, 'gh.log');
  const bin = join(dir, 'bin');
  const gh = join(bin, 'gh');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    gh,
    `#!/usr/bin/env bash\nif [[ " $* " == *" --paginate "* ]]; then echo "$*" >> "${log}"; [ -n "$GH_EXISTING_ID" ] && echo "$GH_EXISTING_ID"; exit 0; fi\n{ echo "$*"; cat; echo; } >> "${log}"\n`,
  );
  chmodSync(gh, 0o755);
  return { path: `${bin}:${process.env.PATH}`, log };
}

const pullRequest = (number: number): ActionContext['github'] => ({
  event_name: 'pull_request',
  repository: 'acme/support-agent',
  server_url: 'https://github.com',
  run_id: '77',
  token: 'not-a-real-token',
  event: { pull_request: { number } },
});

describe('the GitHub Action (action.yml)', () => {
  it('is a valid composite action for @action-validator/cli, which rejects a broken one', async () => {
    const valid = await validate(actionFile);
    expect(valid.output).toBe('');
    expect(valid.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'action-'));
    const broken = join(dir, 'action.yml');
    writeFileSync(broken, readFileSync(actionFile, 'utf8').replace('\nruns:\n', '\nrun:\n'));
    expect((await validate(broken)).code).toBe(1);
  });

  it('every workflow in the repository and its examples is valid too', async () => {
    const files: string[] = [];
    for (const dir of [
      '.github/workflows',
      ...(await readdir(join(root, 'examples'))).map((e) => `examples/${e}/.github/workflows`),
    ]) {
      const abs = join(root, dir);
      if (!existsSync(abs)) continue;
      for (const file of await readdir(abs)) if (/\.ya?ml$/.test(file)) files.push(join(abs, file));
    }
    // The example's pull-request workflow and its deploy workflow's canary job use this action.
    const example = join(root, 'examples/support-agent/.github/workflows');
    for (const name of ['pull-request.yml', 'deploy.yml']) {
      expect(readFileSync(join(example, name), 'utf8'), name).toMatch(/uses: agent-cicd\/agent-cicd@v1\n/);
    }
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const result = await validate(file);
      // The validator warns that it cannot check path globs; anything else it prints is a problem.
      expect(result.output.replace(/^WARNING: Glob validation is not yet supported\..*\n/gm, ''), file).toBe('');
      expect(result.code, file).toBe(0);
    }
  });

  it('on the example: runs the suites, gates, writes the reports and the summary, and creates then updates one PR comment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'action-run-'));
    const gh = ghStub(dir);
    const tsx = import.meta.resolve('tsx');
    const cli = `${process.execPath} --conditions=@agent-cicd/source --import ${tsx} ${join(root, 'packages/cli/src/bin.ts')}`;
    const context = (existing: string): ActionContext => ({
      workspace: root,
      inputs: {
        'working-directory': 'examples/support-agent',
        suites: 'tests suites',
        baseline: 'baseline/report.json',
        policy: 'gates.yaml',
        'report-dir': join(dir, 'reports'),
        cli,
      },
      github: pullRequest(12),
      env: { PATH: gh.path, GH_EXISTING_ID: existing },
    });
    const first = runCompositeAction(actionFile, context(''));
    const failed = first.steps.find((step) => step.exitCode !== 0);
    expect(failed?.stderr ?? '').toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.outputs.run?.['exit-code']).toBe('0');
    expect(first.outputs.gate?.decision).toBe('promote');
    for (const file of ['report.json', 'junit.xml', 'gate.json', 'report.html', 'comment.md']) {
      expect(existsSync(join(dir, 'reports', file)), file).toBe(true);
    }
    expect(first.summary.startsWith('<!-- agent-cicd-report -->\n### agent-cicd: ✅ gate **PROMOTE**')).toBe(true);
    expect(first.summary).toContain('[full report](https://github.com/acme/support-agent/actions/runs/77)');
    expect(first.steps.find((step) => step.name === 'Upload the reports')?.skipped).toBe(true);
    const log = readFileSync(gh.log, 'utf8');
    expect(log).toContain('api --paginate repos/acme/support-agent/issues/12/comments');
    expect(log).toMatch(
      /api --method POST repos\/acme\/support-agent\/issues\/12\/comments --input -\n\{"body":"<!-- agent-cicd-report -->/,
    );

    const second = runCompositeAction(actionFile, context('4242'));
    expect(second.exitCode).toBe(0);
    expect(readFileSync(gh.log, 'utf8')).toMatch(
      /api --method PATCH repos\/acme\/support-agent\/issues\/comments\/4242 --input -\n\{"body":/,
    );
  }, 240_000);

  it('maps the decision to the job: rollback fails, hold fails unless on-hold is pass, no comment outside pull requests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'action-map-'));
    const gh = ghStub(dir);
    // A stand-in CLI: `run` exits $RUN_EXIT after writing a report, `gate` prints $DECISION and exits $GATE_EXIT.
    const fake = join(dir, 'fake-cli');
    writeFileSync(
      fake,
      [
        '#!/usr/bin/env bash',
        'out() { while [ $# -gt 0 ]; do case "$1" in --report|-o) echo "$2"; return;; esac; shift; done; }',
        'case "$1 $2" in',
        '  run*) f=$(out "$@"); echo "{}" > "$f"; exit "$RUN_EXIT";;',
        '  gate*) echo "{\\"action\\": \\"$DECISION\\"}"; exit "$GATE_EXIT";;',
        '  "report html"|"report comment") f=$(out "$@"); echo "<!-- agent-cicd-report -->" > "$f";;',
        'esac',
      ].join('\n'),
    );
    chmodSync(fake, 0o755);
    const run = (env: Record<string, string>, inputs: Record<string, string> = {}, event = 'pull_request') =>
      runCompositeAction(actionFile, {
        workspace: dir,
        inputs: { cli: fake, baseline: 'base.json', 'report-dir': 'out', ...inputs },
        github: { ...pullRequest(3), event_name: event },
        env: { PATH: gh.path, RUN_EXIT: '0', GATE_EXIT: '0', DECISION: 'promote', ...env },
      });
    expect(run({}).exitCode).toBe(0);
    expect(run({ DECISION: 'rollback', GATE_EXIT: '1' }).exitCode).toBe(1);
    expect(run({ DECISION: 'hold', GATE_EXIT: '3' }).exitCode).toBe(1);
    expect(run({ DECISION: 'hold', GATE_EXIT: '3' }, { 'on-hold': 'pass' }).exitCode).toBe(0);
    expect(run({ RUN_EXIT: '1' }, { baseline: '' }).exitCode).toBe(1);
    expect(run({ RUN_EXIT: '2' }).exitCode).toBe(2);
    const push = run({}, {}, 'push');
    expect(push.steps.find((step) => step.name === 'Create or update the pull-request comment')?.skipped).toBe(true);
  }, 120_000);
});
