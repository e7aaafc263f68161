// Sharded runs merged back: a suite run once unsharded and once as n shards (`agent-cicd run --shard i/n`, the
// shards as child processes side by side, like n CI machines), then `agent-cicd report merge`; the merged report's
// statistics (counts, pass rates, intervals, every case's status, pass rate and trial results) must equal the
// unsharded run's. Two workloads: a generated 2,000-case × 3-trial suite whose module target fails some trials
// (deterministic per case id and trial, so both runs see the same outcomes), and the support-agent example on its
// seeded mock model (the same check as packages/cli/src/commands/run-shard.test.ts). Prints one JSON object.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportStatistics, type StatisticsReport } from '../packages/cli/src/test-utils/report-statistics.js';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../', import.meta.url));
const tsx = require.resolve('tsx');
const cliBin = join(repo, 'packages/cli/src/bin.ts');
const example = join(repo, 'examples/support-agent');

const CASES = Number(process.env.SHARD_BENCH_CASES ?? 2000);
const TRIALS = 3;
const SHARDS = 4;

/** A suite of `cases` cases whose agent fails a case-dependent share of trials, keyed by case id and trial. */
async function workload(cases: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `agent-cicd-bench-shards-${cases}-`));
  const lines = ['name: shards', 'target: { module: ./agent.mjs }', `defaults: { trials: ${TRIALS} }`, 'cases:'];
  for (let i = 0; i < cases; i++)
    lines.push(`  - { id: c${i}, userInput: question ${i}, expectedResponseKeywords: [Answer] }`);
  await writeFile(join(dir, 'shards.suite.yaml'), `${lines.join('\n')}\n`);
  await writeFile(
    join(dir, 'agent.mjs'),
    [
      'function unit(text) {',
      '  let h = 2166136261;',
      '  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);',
      '  return (h >>> 0) / 4294967296;',
      '}',
      'export default async function agent(input) {',
      '  const difficulty = unit(input.caseId) ** 4; // most cases easy, a tail of hard ones',
      "  return unit(`${input.caseId}#${input.trial}`) < difficulty ? 'no idea' : 'Answer: ' + input.userInput;",
      '}',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'mock.yaml'), "name: bench\nrules:\n  - respond: 'unused'\n");
  await writeFile(join(dir, 'agent-cicd.config.yaml'), 'mock: { script: mock.yaml }\n');
  return dir;
}

function cli(args: string[], cwd: string): Promise<{ exitCode: number; stderr: string; wallMs: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@agent-cicd/source', '--import', tsx, cliBin, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) =>
      resolve({ exitCode: code ?? 1, stderr, wallMs: Math.round(performance.now() - started) }),
    );
  });
}

/** A run below its threshold exits 1 but writes its report; anything else is a failure of the benchmark. */
function ran(result: { exitCode: number; stderr: string }, what: string): void {
  if (result.exitCode !== 0 && result.exitCode !== 1) {
    throw new Error(`${what} exited ${result.exitCode}: ${result.stderr.trim().split('\n').slice(-5).join('\n')}`);
  }
}

async function compare(name: string, cwd: string, runArgs: string[], out: string) {
  const report = (file: string) => join(out, `${name}.${file}.json`);
  const full = await cli(['run', ...runArgs, '--report', report('full')], cwd);
  ran(full, `${name}: unsharded run`);
  const shards = await Promise.all(
    Array.from({ length: SHARDS }, (_, i) =>
      cli(['run', ...runArgs, '--shard', `${i + 1}/${SHARDS}`, '--report', report(`shard-${i + 1}`)], cwd),
    ),
  );
  for (const [i, shard] of shards.entries()) ran(shard, `${name}: shard ${i + 1}/${SHARDS}`);
  const merge = await cli(
    ['report', 'merge', ...shards.map((_, i) => report(`shard-${i + 1}`)), '--out', report('merged')],
    cwd,
  );
  ran(merge, `${name}: report merge`);
  const read = async (file: string) => JSON.parse(await readFile(report(file), 'utf8')) as StatisticsReport;
  const unsharded = reportStatistics(await read('full'));
  const merged = reportStatistics(await read('merged'));
  const parts = await Promise.all(shards.map((_, i) => read(`shard-${i + 1}`)));
  const caseCounts = parts.map((part) => part.suites.reduce((sum, suite) => sum + suite.cases.length, 0));
  const equal = JSON.stringify(merged) === JSON.stringify(unsharded);
  return {
    shards: SHARDS,
    cases: unsharded.suites.reduce((sum, suite) => sum + suite.cases.length, 0),
    casesPerShard: caseCounts,
    passRate: unsharded.passRate,
    unshardedWallMs: full.wallMs,
    slowestShardWallMs: Math.max(...shards.map((shard) => shard.wallMs)),
    mergeWallMs: merge.wallMs,
    statisticsEqual: equal,
  };
}

const out = await mkdtemp(join(tmpdir(), 'agent-cicd-bench-shard-reports-'));
const dir = await workload(CASES);
try {
  const generated = await compare('generated', dir, ['.', '--seed', '1', '--concurrency', '50'], out);
  const supportAgent = await compare('support-agent', example, ['tests', '--seed', '1'], out);
  const goal = (figure: string, equal: boolean) => ({ figure, value: equal ? 1 : 0, goal: '== 1', met: equal });
  console.log(
    JSON.stringify({
      generated,
      supportAgent,
      goals: [
        goal(
          `report merge of ${SHARDS} shards equals the unsharded run's statistics (1 = equal), ${CASES} cases x ${TRIALS} trials`,
          generated.statisticsEqual,
        ),
        goal(
          `report merge of ${SHARDS} shards equals the unsharded run's statistics (1 = equal), support-agent example, seed 1`,
          supportAgent.statisticsEqual,
        ),
      ],
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
}
