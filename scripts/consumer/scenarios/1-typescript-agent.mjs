// Scenario 1: a TypeScript agent module (`target: { module: ../src/agent.ts }`) in a user's repository, with no
// TypeScript loader configured by the user (no NODE_OPTIONS, no --import): the CLI's `run` and `pipeline`, and
// Vitest through the plugin, all load it and pass.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check, checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'TypeScript agent module, no user loader: agent-cicd run, pipeline, vitest run prompts/';

export async function run({ monorepo, repo: createRepo }) {
  const repo = await createRepo({ name: 'ts-agent' });
  // The support-agent example as a user's own repository (its code, prompts, mocks, suites, gate policy, baseline).
  const example = join(monorepo, 'examples/support-agent');
  const skip = new Set(['package.json', 'node_modules', '.agent-cicd', 'agent-cicd.config.yaml']);
  for (const entry of (await readdir(example)).filter((name) => !skip.has(name))) {
    await repo.copy(join(example, entry), entry);
  }
  const config = await readFile(join(example, 'agent-cicd.config.yaml'), 'utf8');
  // The example's own scripts (its unit tests, which the pipeline's unit_test stage runs), in the user's package.json.
  const { scripts } = JSON.parse(await readFile(join(example, 'package.json'), 'utf8'));
  const manifest = JSON.parse(await repo.read('package.json'));
  const promptSuite = await readFile(join(example, 'tests/support.prompt.yaml'), 'utf8');
  const agentSuite = await readFile(join(example, 'suites/agent.suite.yaml'), 'utf8');
  await repo.write({
    'package.json': `${JSON.stringify({ ...manifest, scripts }, null, 2)}\n`,
    // The published schema, as an editor would use it from node_modules.
    'agent-cicd.config.yaml': config.replace(
      /^\$schema: .*$/m,
      '$schema: node_modules/@agent-cicd/core/schemas/config.schema.json',
    ),
    // `vitest run prompts/` runs the prompt suite and a suite of the TypeScript agent module.
    'prompts/support.prompt.yaml': promptSuite.replace(/^# yaml-language-server.*\n/m, ''),
    'prompts/agent.suite.yaml': agentSuite,
    'vitest.config.ts': [
      "import { agentCicd } from '@agent-cicd/vitest-plugin';",
      "import { defineConfig } from 'vitest/config';",
      '',
      'export default defineConfig({ plugins: [agentCicd()] });',
      '',
    ].join('\n'),
  });
  check(await repo.exists('node_modules/@agent-cicd/core/schemas/config.schema.json'), 'core ships no config schema');

  const runResult = await repo.npx(['agent-cicd', 'run', 'suites/', '--seed', '1']);
  checkMatch(runResult.output, /PASS support-agent-module/, '`agent-cicd run suites/`');

  const pipeline = await repo.npx(['agent-cicd', 'pipeline', '--seed', '1', '--until', 'prompt_regression']);
  // Exit 0 (checked by npx) and the gate's decision: the TypeScript target ran in the prompt-regression run.
  checkMatch(pipeline.stdout, /support-agent-module 1\.000/, '`agent-cicd pipeline`');
  checkMatch(pipeline.stdout, /PROMOTE/, '`agent-cicd pipeline`');

  const vitest = await repo.npx(['vitest', 'run', 'prompts/']);
  checkMatch(vitest.output, /✓ support-agent-module\s+prompts\/agent\.suite\.yaml/, '`vitest run prompts/`');
  checkMatch(vitest.output, /✓ support\s+prompts\/support\.prompt\.yaml/, '`vitest run prompts/`');
  checkMatch(vitest.output, /gate passed/, '`vitest run prompts/`');
  check(
    !/Sourcemap for .* points to missing source files/.test(vitest.output),
    `Vitest warns about source maps:\n${vitest.output}`,
  );
  check(!/Unknown file extension/.test(vitest.output), 'a module failed to load');
  // The reporter streams the cases from the workers' journal into the report: every case is listed.
  const report = JSON.parse(await repo.read('.agent-cicd/report.json'));
  check(
    report.suites.length === 2 && report.suites.every((suite) => suite.cases.length === suite.counts.cases),
    `the Vitest report does not list every case:\n${JSON.stringify(report.suites.map((s) => [s.name, s.counts.cases, s.cases.length]))}`,
  );

  // `casesPerTest: 2` (what 'auto' does above 1,000 cases a file): two cases per Vitest test, the same report.
  await repo.write({
    'vitest.grouped.config.ts': [
      "import { agentCicd } from '@agent-cicd/vitest-plugin';",
      "import { defineConfig } from 'vitest/config';",
      '',
      "export default defineConfig({ plugins: [agentCicd({ casesPerTest: 2, outputFile: '.agent-cicd/grouped.json' })] });",
      '',
    ].join('\n'),
  });
  const grouped = await repo.npx(['vitest', 'run', 'prompts/', '--config', 'vitest.grouped.config.ts']);
  const tests = report.suites.reduce((sum, suite) => sum + Math.ceil(suite.counts.cases / 2), 0);
  checkMatch(
    grouped.output,
    new RegExp(`Tests\\s+${tests} passed \\(${tests}\\)`),
    '`vitest run` with casesPerTest: 2',
  );
  checkMatch(grouped.output, /gate passed/, '`vitest run` with casesPerTest: 2');
  const groupedReport = JSON.parse(await repo.read('.agent-cicd/grouped.json'));
  const outcomes = (r) =>
    JSON.stringify(r.suites.map((s) => [s.name, s.counts, s.cases.map((c) => [c.caseId, c.status])]));
  check(
    outcomes(groupedReport) === outcomes(report),
    `casesPerTest: 2 changed the report:\n${outcomes(groupedReport)}\n${outcomes(report)}`,
  );
  return `run PASS, pipeline PROMOTE, vitest 2 suites passed (and in ${tests} tests with casesPerTest: 2)`;
}
