// Scenario 7: the `checks:` list from the installed packages: a promptfoo config converted by hand (the one
// docs/migrating-from-promptfoo.md walks through) runs green on the mock tier through the CLI and through Vitest,
// and a check that does not hold fails the run with its measured value.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'checks (text, JSON, reference metrics, cost, similarity, model-graded) from the tarballs';

export async function run({ monorepo, repo: createRepo }) {
  const repo = await createRepo({ name: 'checks' });
  const converted = join(monorepo, 'fixtures/promptfoo/converted');
  for (const entry of ['agent-cicd.config.yaml', 'mock.yaml', 'prompts'])
    await repo.copy(join(converted, entry), entry);
  const text = (await readFile(join(converted, 'support.suite.yaml'), 'utf8')).replace(
    /^# yaml-language-server.*\n/m,
    '',
  );
  await repo.write({
    'suites/support.suite.yaml': text,
    'vitest.config.ts': [
      "import { agentCicd } from '@agent-cicd/vitest-plugin';",
      "import { defineConfig } from 'vitest/config';",
      '',
      'export default defineConfig({ plugins: [agentCicd()] });',
      '',
    ].join('\n'),
  });

  const cli = await repo.npx(['agent-cicd', 'run', 'suites/', '--tier', 'dev', '--seed', '1']);
  checkMatch(cli.output, /PASS support: pass rate 1\.000/, '`agent-cicd run suites/` with checks');

  const vitest = await repo.npx(['vitest', 'run', 'suites/']);
  checkMatch(vitest.output, /✓ support\s+suites\/support\.suite\.yaml/, '`vitest run suites/` with checks');

  // A check that does not hold: the run fails and names the check with what it measured.
  await repo.write({
    'suites/support.suite.yaml': text.replace('delivery., threshold: 0.5 }', 'delivery., threshold: 0.99 }'),
  });
  await repo.npx(['agent-cicd', 'run', 'suites/', '--tier', 'dev', '--seed', '1', '--report', 'out/report.json'], {
    expect: 1,
  });
  const report = JSON.parse(await repo.read('out/report.json'));
  const violations = report.suites.flatMap((s) => s.cases.flatMap((c) => c.violations));
  const similar = violations.find((v) => v.check === 'similar');
  checkMatch(
    similar?.message ?? JSON.stringify(violations),
    /^check similar failed: cosine similarity 0\.\d{3} \(threshold 0\.99\)$/,
    'a failing similar check',
  );
  return `CLI and Vitest green; a strict similar threshold fails (measured ${similar.value.toFixed(3)})`;
}
