// Scenario 7: the `checks:` list from the installed packages: a promptfoo config converted by hand (the one
// docs/migrating-from-promptfoo.md walks through) runs green on the mock tier through the CLI and through Vitest,
// and a check that does not hold fails the run with its measured value.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check, checkMatch } from '../lib/consumer-repo.mjs';

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

  // --no-judge: cases whose only checks are the judge or model-graded are skipped, never passed; the report
  // records it, JUnit marks them <skipped/>, and the gate holds against a judged baseline.
  await repo.write({
    'tone/tone.suite.yaml': [
      'name: tone',
      'prompt: { name: support, version: v1 }',
      'vars: { company: Acme }',
      'cases:',
      '  - id: policy-tone',
      '    userInput: What is your return window?',
      '    expectedBehavior: States the return window politely',
      '  - id: grounded',
      '    userInput: What is your return window?',
      '    checks: [{ type: factuality, value: Items can be returned within 30 days. }]',
      '',
    ].join('\n'),
  });
  const base = ['agent-cicd', 'run', 'tone/', '--tier', 'dev', '--seed', '1'];
  await repo.npx([...base, '--report', 'out/judged.json']);
  const noJudge = await repo.npx(
    [...base, '--no-judge', '--report', 'out/nojudge.json', '--junit', 'out/nojudge.xml'],
    {
      expect: 1,
    },
  );
  checkMatch(noJudge.output, /nothing was evaluated/, '`run --no-judge` on a judge-only suite');
  const skipped = JSON.parse(await repo.read('out/nojudge.json'));
  check(skipped.options?.skipJudge === true, `--no-judge is not recorded: ${JSON.stringify(skipped.options)}`);
  const statuses = skipped.suites[0].cases.map((c) => `${c.caseId}=${c.status}`).join(' ');
  check(statuses === 'policy-tone=skipped grounded=skipped', `judge-only cases under --no-judge: ${statuses}`);
  check(skipped.totals.counts.skipped === 2 && skipped.totals.counts.passed === 0, 'skipped cases counted');
  checkMatch(
    await repo.read('out/nojudge.xml'),
    /<skipped message="judge skipped \(--no-judge\): the case has only model-graded checks/,
    'JUnit of a --no-judge run',
  );
  const gate = await repo.npx(
    ['agent-cicd', 'gate', '--baseline', 'out/judged.json', '--candidate', 'out/nojudge.json'],
    { expect: 3 },
  );
  checkMatch(gate.output, /HOLD[\s\S]*candidate run skipped the judge \(--no-judge\)/, 'gate: judged vs --no-judge');

  return `CLI and Vitest green; a strict similar threshold fails (measured ${similar.value.toFixed(3)}); --no-judge skips 2 judge-only cases, gate HOLD`;
}
