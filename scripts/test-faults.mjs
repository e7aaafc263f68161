// `npm run test:faults`: runs the fault tests (`*.faults.test.ts`), then prints every figure they wrote to
// .agent-cicd/fault-figures/ as one JSON document, each with its goal and whether it is met.
// Exit status: 0 when the tests pass and every figure meets its goal, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.AGENT_CICD_FAULT_FIGURES ?? join(root, '.agent-cicd', 'fault-figures');
const skipTests = process.argv.includes('--no-run');

let testsPassed = true;
if (!skipTests) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const vitest = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '.faults.test.ts',
      ...process.argv.slice(2).filter((a) => a !== '--no-run'),
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  testsPassed = vitest.status === 0;
}

const check = (value, goal) =>
  goal.op === '>=' ? value >= goal.value : goal.op === '<=' ? value <= goal.value : value === goal.value;

const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
const groups = [];
const problems = [];
for (const file of files) {
  let data;
  try {
    data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    problems.push(`${file}: not JSON (${error.message})`);
    continue;
  }
  const figures = Array.isArray(data?.figures) ? data.figures : [];
  if (figures.length === 0) problems.push(`${file}: no figures`);
  groups.push({
    name: data?.name ?? file.replace(/\.json$/, ''),
    figures: figures.map((figure) => {
      const valid =
        typeof figure?.value === 'number' &&
        ['>=', '<=', '=='].includes(figure?.goal?.op) &&
        typeof figure?.goal?.value === 'number';
      if (!valid) problems.push(`${file}: figure ${JSON.stringify(figure?.id)} lacks a numeric value or goal`);
      return {
        id: figure?.id,
        description: figure?.description,
        value: figure?.value,
        goal: valid ? `${figure.goal.op} ${figure.goal.value}` : 'invalid',
        met: valid && check(figure.value, figure.goal),
      };
    }),
  });
}
if (files.length === 0) problems.push(`no figures in ${dir}`);
const allMet = groups.every((group) => group.figures.every((figure) => figure.met));
const ok = testsPassed && allMet && problems.length === 0;
process.stdout.write(`${JSON.stringify({ ok, testsPassed, allFiguresMet: allMet, problems, groups }, null, 2)}\n`);
process.exitCode = ok ? 0 : 1;
