// The same workload through both entry points, as whole child processes, as a user runs them: the built `agent-cicd
// run` and `vitest run` with the plugin (`npm run build` first). N cases of a module target answering
// `Answer: <input>` after L ms, one keyword check. Neither side gets a concurrency flag: both start as many cases at
// once as the provider takes (`llm: { concurrency: 50 }` in the workload's config). Wall time and the peak RSS of
// the whole process tree (workers included), sampled from /proc every 20 ms. The machine is shared, so each pair
// runs several times, interleaved (CLI first, then Vitest first), and the medians count.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One figure issue 14 sets a goal for, in the shape every bench prints under `goals`. */
interface BenchGoal {
  figure: string;
  value: number;
  goal: string;
  met: boolean;
}

function goal(figure: string, value: number, bound: `<= ${number}`): BenchGoal {
  return { figure, value, goal: bound, met: value <= Number(bound.slice(3)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../', import.meta.url));
const cliBin = join(repo, 'packages/cli/bin/agent-cicd.js');
const plugin = join(repo, 'packages/vitest-plugin/dist/index.js');
const vitestBin = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const reps = Number(process.env.BENCH_REPS ?? 3);
const providerConcurrency = 50;

for (const built of [plugin, join(repo, 'packages/core/dist/index.js'), join(repo, 'packages/cli/dist/bin.js')]) {
  if (!existsSync(built)) {
    console.error(`entry-points bench: ${built} is missing: run \`npm run build\` first`);
    process.exit(2);
  }
}

async function workload(cases: number, latencyMs: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `agent-cicd-bench-${cases}x${latencyMs}-`));
  const lines = ['name: bench', 'target: { module: ./agent.mjs }', 'cases:'];
  for (let i = 0; i < cases; i++)
    lines.push(`  - { id: c${i}, userInput: question ${i}, expectedResponseKeywords: [Answer] }`);
  await writeFile(join(dir, 'bench.suite.yaml'), `${lines.join('\n')}\n`);
  await writeFile(
    join(dir, 'agent.mjs'),
    `export default async function agent(input) {\n  ${latencyMs > 0 ? `await new Promise((r) => setTimeout(r, ${latencyMs}));` : ''}\n  return 'Answer: ' + input.userInput;\n}\n`,
  );
  await writeFile(join(dir, 'mock.yaml'), "name: bench\nrules:\n  - respond: 'unused'\n");
  await writeFile(
    join(dir, 'agent-cicd.config.yaml'),
    `mock: { script: mock.yaml }\nllm: { concurrency: ${providerConcurrency} }\n`,
  );
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    `import { agentCicd } from ${JSON.stringify(pathToFileURL(plugin).href)};\nexport default { plugins: [agentCicd({ outputFile: 'vitest.json' })] };\n`,
  );
  return dir;
}

async function treeRssKb(pid: number): Promise<number> {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    try {
      const status = await readFile(`/proc/${current}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of await readdir(`/proc/${current}/task`)) {
        const children = await readFile(`/proc/${current}/task/${task}/children`, 'utf8').catch(() => '');
        for (const child of children.split(' ').filter(Boolean)) stack.push(Number(child));
      }
    } catch {
      // The process ended between two samples.
    }
  }
  return total;
}

interface Measurement {
  wallMs: number;
  peakRssMb: number;
}

/** Runs one entry point; a run that fails or whose report does not hold every case stops the bench. */
async function measure(args: string[], cwd: string, report: string, cases: number): Promise<Measurement> {
  await rm(join(cwd, report), { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) void treeRssKb(child.pid).then((kb) => (peak = Math.max(peak, kb)));
  }, 20);
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  const wallMs = Math.round(performance.now() - started);
  clearInterval(sampler);
  const written = JSON.parse(await readFile(join(cwd, report), 'utf8').catch(() => 'null')) as {
    totals?: { counts?: { cases?: number; passed?: number } };
  } | null;
  if (exitCode !== 0 || written?.totals?.counts?.passed !== cases) {
    throw new Error(
      `${args.join(' ')} (exit ${exitCode}, report ${JSON.stringify(written?.totals?.counts)}):\n${stderr}`,
    );
  }
  return { wallMs, peakRssMb: Math.round(peak / 1024) };
}

const sides = {
  cli: (dir: string, cases: number) => measure([cliBin, 'run', '.', '--report', 'cli.json'], dir, 'cli.json', cases),
  vitest: (dir: string, cases: number) =>
    measure([vitestBin, 'run', '--config', 'vitest.config.mjs', '--configLoader', 'native'], dir, 'vitest.json', cases),
};

interface Side {
  wallMs: number;
  peakRssMb: number;
  runs: Measurement[];
}
const table: Array<{
  workload: string;
  cases: number;
  latencyMs: number;
  cli: Side;
  vitest: Side;
  vitestToCliWall: number;
}> = [];
for (const [cases, latencyMs] of [
  [1000, 0],
  [10000, 0],
  [1000, 50],
] as const) {
  const dir = await workload(cases, latencyMs);
  const runs: Record<'cli' | 'vitest', Measurement[]> = { cli: [], vitest: [] };
  try {
    for (let rep = 0; rep < reps; rep++) {
      const order = rep % 2 === 0 ? (['cli', 'vitest'] as const) : (['vitest', 'cli'] as const);
      for (const side of order) runs[side].push(await sides[side](dir, cases));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const summary = (list: Measurement[]): Side => ({
    wallMs: median(list.map((run) => run.wallMs)),
    peakRssMb: median(list.map((run) => run.peakRssMb)),
    runs: list,
  });
  const cli = summary(runs.cli);
  const vitest = summary(runs.vitest);
  table.push({
    workload: `${cases} cases x ${latencyMs} ms`,
    cases,
    latencyMs,
    cli,
    vitest,
    vitestToCliWall: Number((vitest.wallMs / cli.wallMs).toFixed(2)),
  });
}

const row = (cases: number, latencyMs: number) =>
  table.find((entry) => entry.cases === cases && entry.latencyMs === latencyMs) as (typeof table)[number];
const goals: BenchGoal[] = [
  goal('vitest/cli wall, 1000 cases x 50 ms', row(1000, 50).vitestToCliWall, '<= 2'),
  goal(
    'vitest peak RSS, 10000 cases / 1000 cases (x 0 ms)',
    Number((row(10000, 0).vitest.peakRssMb / row(1000, 0).vitest.peakRssMb).toFixed(2)),
    '<= 1.3',
  ),
  goal('cli peak RSS at 10000 cases (MB)', row(10000, 0).cli.peakRssMb, '<= 150'),
];
console.log(
  JSON.stringify({
    method: `each pair run ${reps} times interleaved (CLI first, then Vitest first) on a shared machine; medians; whole process trees; built packages (npm run build): 'agent-cicd run .' and 'vitest run --config vitest.config.mjs --configLoader native'; both sides at the provider's concurrency (${providerConcurrency})`,
    idealMsAt50ms: (1000 * 50) / providerConcurrency,
    table,
    goals,
  }),
);
