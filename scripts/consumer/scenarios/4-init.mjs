// Scenario 4: `npx agent-cicd init` in an empty directory writes a small working project; `npx vitest run` and
// `npx agent-cicd pipeline` pass there at once; a second `init` refuses and changes nothing.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { check, checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'agent-cicd init in an empty directory, then vitest run and agent-cicd pipeline pass';

const EXPECTED = [
  '.github/workflows/agent-cicd.yml',
  '.gitignore',
  'agent-cicd.config.yaml',
  'baseline/report.json',
  'gates.yaml',
  'mocks/assistant.mock.yaml',
  'mocks/tools.yaml',
  'package.json',
  'prompts/assistant/v1.md',
  'prompts/manifest.yaml',
  'suites/assistant.suite.yaml',
  'vitest.config.ts',
];

async function listFiles(dir, root = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, root)));
    else out.push(relative(root, path));
  }
  return out.sort();
}

export async function run({ repo: createRepo, linkNodeModules, work }) {
  // The CLI as `npx @agent-cicd/cli init` runs it: from an install elsewhere, in a directory with nothing in it.
  const tools = await createRepo({ name: 'cli-install' });
  const project = await createRepo({ name: 'new-project', packageJson: false, nodeModules: false });
  const bin = tools.path('node_modules/.bin/agent-cicd');

  const version = await project.exec(bin, ['--version']);
  checkMatch(version.stdout, /^\d+\.\d+\.\d+/, '`agent-cicd --version`');

  const init = await project.exec(bin, ['init']);
  checkMatch(init.stdout, /wrote 12 files/, '`agent-cicd init`');
  const files = await listFiles(project.dir);
  check(JSON.stringify(files) === JSON.stringify(EXPECTED), `init wrote ${files.join(', ')}`);
  check(
    !(await readdir(project.dir)).some((name) => name.startsWith('.agent-cicd-init-')),
    'init left its staging dir',
  );

  // Never overwrites: a second init fails with one located line, exit 2, and changes nothing.
  const before = await project.read('gates.yaml');
  await project.write({ 'gates.yaml': `${before}# edited by the user\n` });
  const again = await project.exec(bin, ['init'], { expect: 2 });
  checkMatch(again.stderr, /^error\[AGENT_CICD_INIT_FILE_EXISTS\] .*gates\.yaml/m, 'second `agent-cicd init`');
  check(!/\n\s+at /.test(again.stderr), 'a stack trace on a user error');
  check((await project.read('gates.yaml')).endsWith('# edited by the user\n'), 'init overwrote gates.yaml');

  // `npm install` (the same packages, linked from the harness's install), then the two commands pass at once.
  const manifest = JSON.parse(await project.read('package.json'));
  for (const name of ['@agent-cicd/cli', '@agent-cicd/core', '@agent-cicd/vitest-plugin', 'vitest']) {
    check(manifest.devDependencies?.[name], `package.json has no devDependency ${name}`);
  }
  await linkNodeModules(project);
  const vitest = await project.npx(['vitest', 'run']);
  checkMatch(vitest.output, /✓ assistant\s+suites\/assistant\.suite\.yaml/, '`vitest run`');
  checkMatch(vitest.output, /gate passed/, '`vitest run`');
  const pipeline = await project.npx(['agent-cicd', 'pipeline', '--seed', '1']);
  checkMatch(pipeline.stdout, /PROMOTE/, '`agent-cicd pipeline`');
  const workflow = await readFile(project.path('.github/workflows/agent-cicd.yml'), 'utf8');
  checkMatch(workflow, 'npx agent-cicd pipeline', 'the workflow');

  // An existing repository whose package.json is `npm init -y`'s (the always-failing placeholder test script):
  // init keeps it byte for byte and says so; the pipeline reports unit_test as skipped (why, how to fix) and passes.
  const existing = await createRepo({ name: 'existing-npm-init', packageJson: false });
  await existing.exec('npm', ['init', '-y']);
  const userManifest = await existing.read('package.json');
  checkMatch(userManifest, 'Error: no test specified', "`npm init -y`'s package.json");
  const initExisting = await existing.npx(['agent-cicd', 'init']);
  checkMatch(initExisting.stdout, /wrote 11 files/, '`agent-cicd init` beside an existing package.json');
  checkMatch(initExisting.stdout, /^note: package\.json has no "test" script .*unit_test/m, '`agent-cicd init`');
  check((await existing.read('package.json')) === userManifest, "init changed the user's package.json");
  const skipped = await existing.npx(['agent-cicd', 'pipeline', '--seed', '1']);
  checkMatch(
    skipped.stdout,
    /^unit_test\s+skip\s+no unit tests: package\.json's test script is npm's placeholder .*pipeline\.options\.unit_test\.command$/m,
    '`agent-cicd pipeline` after init in an `npm init -y` repository',
  );
  checkMatch(skipped.stdout, /PROMOTE/, '`agent-cicd pipeline` after init in an `npm init -y` repository');
  void work;
  return `${files.length} files; vitest passed; pipeline PROMOTE; second init refused; beside npm's placeholder test script: package.json kept, unit_test skipped (reported), PROMOTE`;
}
