import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { type RunReport, RunReportSchema } from '@agent-cicd/core';
import type { AgentCicdOptions } from '@agent-cicd/vitest-plugin';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const child = fileURLToPath(new URL('./vitest-child.ts', import.meta.url));

/** The Node binary and Vitest package the fixtures run with; `.ci/vitest5.sh` points these at Node 22 + Vitest 5. */
const nodeBinary = process.env.AGENT_CICD_E2E_NODE || process.execPath;
const vitestDir = process.env.AGENT_CICD_E2E_VITEST || dirname(require.resolve('vitest/package.json'));
const tsx = require.resolve('tsx');
/** The version of the Vitest the fixtures run with (the e2e tests check the run really used it). */
export const vitestVersion: string = require(join(vitestDir, 'package.json')).version;

export interface FixtureRun {
  exitCode: number;
  /** Vitest's and the reporter's terminal output, with the temp root replaced by `<root>` and colours removed. */
  stdout: string;
  /** Vitest prints the failed tests' errors here. */
  stderr: string;
  /** Every report the run wrote under `.agent-cicd/`, by file name. */
  reports: Record<string, RunReport>;
  /** What was appended to `$GITHUB_STEP_SUMMARY`. */
  stepSummary: string;
  root: string;
}

/** Copies `fixtures/vitest-e2e/<name>` to a temp dir and runs Vitest with the plugin on it in a child process. */
export async function runFixture(
  name: string,
  options: { shard?: string; plugin?: AgentCicdOptions; root?: string; testNamePattern?: string } = {},
): Promise<FixtureRun> {
  const root = options.root ?? (await copyFixture(name));
  const stepSummaryFile = join(root, 'step-summary.md');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The outer Vitest's worker variables must not leak into the run under test.
    if (value !== undefined && !key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV') env[key] = value;
  }
  Object.assign(env, { NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', GITHUB_STEP_SUMMARY: stepSummaryFile });
  delete env.AGENT_CICD_TIER;
  delete env.DEPLOYMENT_ENV;
  const argv = [
    '--conditions=@agent-cicd/source',
    '--import',
    tsx,
    child,
    JSON.stringify({
      vitestDir,
      root,
      shard: options.shard,
      plugin: options.plugin,
      testNamePattern: options.testNamePattern,
    }),
  ];
  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(nodeBinary, argv, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    },
  );
  const reports: Record<string, RunReport> = {};
  const reportDir = join(root, '.agent-cicd');
  for (const file of await readdir(reportDir).catch(() => [])) {
    if (file.endsWith('.json')) {
      reports[file] = RunReportSchema.parse(JSON.parse(await readFile(join(reportDir, file), 'utf8')));
    }
  }
  const normalize = (text: string): string =>
    stripVTControlCharacters(text).replaceAll(root, '<root>').replaceAll(repoRoot, '<repo>/');
  return {
    exitCode,
    stdout: normalize(stdout),
    stderr: normalize(stderr),
    reports,
    stepSummary: await readFile(stepSummaryFile, 'utf8').catch(() => ''),
    root,
  };
}

/**
 * A fresh copy of a fixture tree in a temp dir: `fixtures/vitest-e2e/_shared` (config, prompt, mock model and
 * tools) overlaid with the scenario's own files. `removeFixtureCopies` deletes them all.
 */
export async function copyFixture(name: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `agent-cicd-e2e-${name}-`));
  await cp(join(repoRoot, 'fixtures/vitest-e2e/_shared'), root, { recursive: true });
  await cp(join(repoRoot, 'fixtures/vitest-e2e', name), root, { recursive: true });
  copies.push(root);
  return root;
}

const copies: string[] = [];

export async function removeFixtureCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}
