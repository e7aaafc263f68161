// The same workload through both entry points, as whole child processes side by side: `agent-cicd run
// --concurrency 50` and `vitest run` with the plugin (concurrency 50). N cases of a module target answering
// `Answer: <input>` after L ms, one keyword check. Wall time and the peak RSS of the whole process tree (workers
// included), sampled from /proc every 20 ms.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../', import.meta.url));
const tsx = require.resolve('tsx');
const cliBin = join(repo, 'packages/cli/src/bin.ts');
const vitestChild = join(repo, 'packages/vitest-plugin/test/e2e/utils/vitest-child.ts');
const vitestDir = dirname(require.resolve('vitest/package.json'));

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
  await writeFile(join(dir, 'agent-cicd.config.yaml'), 'mock: { script: mock.yaml }\n');
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

async function measure(args: string[], cwd: string): Promise<{ wallMs: number; peakRssMb: number; exitCode: number }> {
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
  clearInterval(sampler);
  if (exitCode !== 0) process.stderr.write(stderr);
  return { wallMs: Math.round(performance.now() - started), peakRssMb: Math.round(peak / 1024), exitCode };
}

const results: Record<string, unknown> = {};
for (const [cases, latencyMs] of [
  [1000, 0],
  [10000, 0],
  [1000, 50],
] as const) {
  const dir = await workload(cases, latencyMs);
  const cli = await measure(
    [
      '--conditions=@agent-cicd/source',
      '--import',
      tsx,
      cliBin,
      'run',
      '.',
      '--concurrency',
      '50',
      '--report',
      join(dir, 'cli.json'),
    ],
    dir,
  );
  const vitest = await measure(
    [
      '--conditions=@agent-cicd/source',
      '--import',
      tsx,
      vitestChild,
      JSON.stringify({ vitestDir, root: dir, plugin: { concurrency: 50 } }),
    ],
    dir,
  );
  await rm(dir, { recursive: true, force: true });
  const key = `${cases}x${latencyMs}ms`;
  results[key] = {
    cli,
    vitest,
    vitestToCliWall: Number((vitest.wallMs / cli.wallMs).toFixed(2)),
    ...(latencyMs > 0
      ? { idealMs: (cases * latencyMs) / 50, goal: 'vitest within 2x the CLI', met: vitest.wallMs <= 2 * cli.wallMs }
      : {}),
  };
}
console.log(JSON.stringify(results));
