// Scenario 8: the reports from the installed packages: `run --junit --html`, `report show | html | junit | comment`
// against a baseline, a matrix run over two mock models × two prompt versions, and the gate between two cells.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check, checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'reports: HTML, JUnit, terminal, PR comment, matrix run and gating two cells';

export async function run({ monorepo, repo: createRepo }) {
  const repo = await createRepo({ name: 'reports' });
  const example = join(monorepo, 'examples/support-agent');
  for (const entry of ['baseline', 'gates.yaml', 'mocks', 'prompts', 'tests'])
    await repo.copy(join(example, entry), entry);
  const config = await readFile(join(example, 'agent-cicd.config.yaml'), 'utf8');
  await repo.write({
    'agent-cicd.config.yaml': config.replace(
      /^\$schema: .*$/m,
      '$schema: node_modules/@agent-cicd/core/schemas/config.schema.json',
    ),
  });

  const run = await repo.npx([
    'agent-cicd',
    'run',
    'tests',
    '--seed',
    '1',
    '--junit',
    'out/junit.xml',
    '--html',
    'out/run.html',
  ]);
  checkMatch(run.output, /PASS support/, '`agent-cicd run --junit --html`');
  checkMatch(
    await repo.read('out/junit.xml'),
    /<testsuite name="support" tests="4" failures="0" errors="0"/,
    'junit.xml',
  );
  checkMatch(await repo.read('out/run.html'), /^<!doctype html>/, 'run.html');

  const show = await repo.npx([
    'agent-cicd',
    'report',
    'show',
    '.agent-cicd/report.json',
    '--baseline',
    'baseline/report.json',
  ]);
  checkMatch(show.stdout, /Against the baseline: 0 cases regressed, \d+ fixed/, '`report show --baseline`');
  check(
    Math.max(...show.stdout.split('\n').map((line) => line.length)) <= 100,
    '`report show` is wider than 100 columns',
  );

  await repo.npx([
    'agent-cicd',
    'report',
    'html',
    '.agent-cicd/report.json',
    '--baseline',
    'baseline/report.json',
    '--policy',
    'gates.yaml',
    '-o',
    'out/report.html',
  ]);
  const html = await repo.read('out/report.html');
  checkMatch(html, /<section id="gate"><h2>Gate decision<\/h2>/, 'report.html (gate section)');
  checkMatch(html, /<section id="flipped"><h2>Flipped cases \(\d+\)<\/h2>/, 'report.html (flipped cases)');
  check(!/<(script|link|img)[^>]+(src|href)=/i.test(html), 'report.html loads something from outside');

  const comment = await repo.npx([
    'agent-cicd',
    'report',
    'comment',
    '.agent-cicd/report.json',
    '--baseline',
    'baseline/report.json',
  ]);
  // Only the prompt suite ran (12 trials, under the policy's 30 per side), so the gate holds, and the title says so.
  checkMatch(comment.stdout, /^<!-- agent-cicd-report -->\n### agent-cicd: ⏸️ gate \*\*HOLD\*\*/, '`report comment`');

  const matrix = await repo.npx([
    'agent-cicd',
    'run',
    'tests',
    '--matrix',
    '--seed',
    '1',
    '--report',
    'out/matrix.json',
    '--html',
    'out/matrix.html',
  ]);
  checkMatch(matrix.stdout, /^Best cell: model=mock-large,prompt=v2/m, '`run --matrix`');
  checkMatch(matrix.stdout, /^#4 − #3 /m, '`run --matrix` (paired differences)');
  const matrixHtml = await repo.read('out/matrix.html');
  for (const cell of [
    'model=mock-large,prompt=v1',
    'model=mock-large,prompt=v2',
    'model=mock-small,prompt=v1',
    'model=mock-small,prompt=v2',
  ]) {
    check(matrixHtml.includes(`<option value="${cell}">`), `matrix.html has no cell ${cell}`);
  }
  const gate = await repo.npx(
    [
      'agent-cicd',
      'gate',
      '--baseline',
      'out/matrix.json',
      '--baseline-cell',
      'model=mock-small,prompt=v1',
      '--candidate-cell',
      'model=mock-large,prompt=v2',
    ],
    { expect: null },
  );
  checkMatch(gate.stdout, /^Gate decision: (PROMOTE|HOLD|ROLLBACK)/, '`gate --baseline-cell --candidate-cell`');
  return 'run --junit --html, report show/html/comment, run --matrix (4 cells), gate between cells';
}
