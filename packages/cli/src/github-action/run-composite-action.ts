import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The parts of a composite `action.yml` this runner reads. */
interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface ActionContext {
  inputs: Record<string, string>;
  /** The `github` context: event_name, repository, event.pull_request.number, … */
  github: Record<string, unknown>;
  /** Extra environment (e.g. PATH with a stub `gh`). */
  env: Record<string, string>;
  /** Directory the job runs in (the workspace). */
  workspace: string;
}

export interface StepResult {
  name: string;
  skipped: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ActionRun {
  steps: StepResult[];
  outputs: Record<string, Record<string, string>>;
  summary: string;
  /** The first failing step's exit code, or 0. */
  exitCode: number;
}

type Scope = {
  inputs: Record<string, string>;
  github: Record<string, unknown>;
  steps: Record<string, { outputs: Record<string, string> }>;
};

/** Evaluates the expressions GitHub allows in `${{ }}` that our action uses: paths, 'strings', ==, &&. */
export function evaluate(expression: string, scope: Scope): string | boolean {
  const ors = expression.split('&&').map((part) => part.trim());
  if (ors.length > 1) return ors.every((part) => evaluate(part, scope) === true || evaluate(part, scope) === 'true');
  const eq = expression.split('==').map((part) => part.trim());
  if (eq.length === 2) return String(evaluate(eq[0] as string, scope)) === String(evaluate(eq[1] as string, scope));
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) return literal[1] as string;
  let value: unknown = scope;
  for (const key of expression.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value === undefined ? '' : String(value);
}

const substitute = (text: string, scope: Scope): string =>
  text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => String(evaluate(expression, scope)));

function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

/**
 * Runs the `run:` steps of a composite action the way the GitHub runner does (bash -e, `$GITHUB_OUTPUT`,
 * `$GITHUB_STEP_SUMMARY`, `${{ }}` expressions, `if:`), skipping `uses:` steps (recorded as skipped). For tests:
 * it is not a GitHub runner, only enough of one to run our action's shell end to end.
 */
export function runCompositeAction(actionFile: string, context: ActionContext): ActionRun {
  const action = parse(readFileSync(actionFile, 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { steps: ActionStep[] };
  };
  const scratch = mkdtempSync(join(tmpdir(), 'action-run-'));
  const summary = join(scratch, 'summary.md');
  writeFileSync(summary, '');
  const inputs: Record<string, string> = {};
  const base: Scope = { inputs, github: context.github, steps: {} };
  for (const [name, spec] of Object.entries(action.inputs)) {
    inputs[name] = context.inputs[name] ?? substitute(String(spec.default ?? ''), base);
  }
  const run: ActionRun = { steps: [], outputs: {}, summary: '', exitCode: 0 };
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? `step ${index + 1}`;
    const condition = step.if === undefined ? true : evaluate(step.if.replace(/^\$\{\{\s*|\s*\}\}$/g, ''), base);
    if (run.exitCode !== 0 || step.uses !== undefined || !(condition === true || condition === 'true')) {
      run.steps.push({ name, skipped: true, exitCode: 0, stdout: '', stderr: '' });
      continue;
    }
    const output = join(scratch, `output-${index}`);
    writeFileSync(output, '');
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...context.env,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(value, base);
    const cwd = resolve(context.workspace, substitute(step['working-directory'] ?? '.', base));
    const result = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', substitute(step.run ?? '', base)],
      {
        cwd,
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const exitCode = result.status ?? 1;
    run.steps.push({ name, skipped: false, exitCode, stdout: result.stdout, stderr: result.stderr });
    if (step.id) {
      const outputs = readOutputs(output);
      base.steps[step.id] = { outputs };
      run.outputs[step.id] = outputs;
    }
    if (exitCode !== 0) run.exitCode = exitCode;
  }
  run.summary = readFileSync(summary, 'utf8');
  return run;
}
