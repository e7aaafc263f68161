#!/usr/bin/env node
// The consumer test harness: packs the four packages, installs the tarballs (plus the registry's vitest 4.1,
// typescript, tsx) into a repository under the OS temp dir, and runs each scenario of scenarios/ in a fresh
// copy of it. Prints one line per scenario; writes { passed, failed, scenarios } to --json <file>.
// Usage (after `npm run build`): node scripts/consumer/run.mjs [--json file] [--keep] [name-filter ...]
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConsumerRepo, exec, exists, ScenarioFailure } from './lib/consumer-repo.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const monorepo = resolve(here, '../..');
export const PACKAGES = ['core', 'deploy-gates', 'vitest-plugin', 'cli'];
/** What a user installs next to our packages, from the registry. */
const REGISTRY_DEPS = {
  vitest: '~4.1.0',
  typescript: '~5.9.0',
  tsx: '^4.19.0',
  openai: '^6.0.0',
  '@types/node': '^20.19.0',
};

function parseArgs(argv) {
  const options = { json: undefined, keep: false, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') options.json = argv[++i];
    else if (argv[i] === '--keep') options.keep = true;
    else options.filters.push(argv[i]);
  }
  return options;
}

async function pack(dir) {
  for (const name of PACKAGES) {
    if (!(await exists(join(monorepo, 'packages', name, 'dist')))) {
      throw new Error(`packages/${name}/dist is missing: run \`npm run build\` first`);
    }
  }
  await mkdir(dir, { recursive: true });
  const out = execFileSync(
    'npm',
    ['pack', '--json', '--pack-destination', dir, ...PACKAGES.flatMap((name) => ['-w', `packages/${name}`])],
    { cwd: monorepo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const packed = JSON.parse(out);
  return Object.fromEntries(packed.map((entry) => [entry.name, join(dir, entry.filename)]));
}

/** The base install every scenario's repository hard-links its node_modules from. */
async function installBase(dir, tarballs) {
  const dependencies = {
    ...Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`])),
    ...REGISTRY_DEPS,
  };
  const manifest = { name: 'consumer-base', private: true, type: 'module', devDependencies: dependencies };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    timeout: 600_000,
  });
  return manifest;
}

async function loadScenarios(filters) {
  const dir = join(here, 'scenarios');
  const files = (await readdir(dir))
    .filter((file) => /^\d+-.*\.mjs$/.test(file))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const scenarios = [];
  for (const file of files) {
    const name = file.replace(/\.mjs$/, '');
    if (filters.length > 0 && !filters.some((filter) => name.includes(filter))) continue;
    const module = await import(pathToFileURL(join(dir, file)).href);
    scenarios.push({ name, title: module.title ?? name, run: module.run });
  }
  return scenarios;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'agent-cicd-consumer-'));
  const results = [];
  try {
    const scenarios = await loadScenarios(options.filters);
    const tarballs = await pack(join(work, 'tarballs'));
    const base = join(work, 'base');
    const baseManifest = await installBase(base, tarballs);
    const setupSeconds = (performance.now() - started) / 1000;
    console.log(
      `consumer: packed ${PACKAGES.length} packages and installed them in ${setupSeconds.toFixed(1)}s (${work})`,
    );

    for (const scenario of scenarios) {
      const t0 = performance.now();
      let count = 0;
      const context = {
        monorepo,
        work,
        tarballs,
        /** A fresh repository: `git init`, a package.json like a user's, node_modules from the base install. */
        async repo({ name = 'repo', packageJson = true, nodeModules = true } = {}) {
          const dir = join(work, 'repos', `${scenario.name}-${++count}-${name}`);
          await mkdir(dir, { recursive: true });
          const repo = new ConsumerRepo(dir);
          await repo.exec('git', ['init', '-q', '.']);
          if (packageJson) {
            const manifest = {
              name: 'my-agent',
              private: true,
              type: 'module',
              devDependencies: baseManifest.devDependencies,
            };
            await repo.write({ 'package.json': `${JSON.stringify(manifest, null, 2)}\n` });
          }
          if (nodeModules) await context.linkNodeModules(repo);
          return repo;
        },
        /** Hard-links the base install's node_modules into `repo` (as if `npm install` had run there). */
        async linkNodeModules(repo) {
          await exec('cp', ['-al', join(base, 'node_modules'), repo.path('node_modules')]);
        },
        /** Installs extra registry packages into their own directory (shared npm cache); returns that directory. */
        async installAside(name, specs) {
          const dir = join(work, 'aside', name);
          await mkdir(dir, { recursive: true });
          await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
          await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
            cwd: dir,
            timeout: 600_000,
          });
          return dir;
        },
      };
      let status = 'ok';
      let detail = '';
      try {
        detail = (await scenario.run(context)) ?? '';
      } catch (error) {
        status = 'FAIL';
        detail = error instanceof ScenarioFailure ? error.message : String(error?.stack ?? error);
      }
      const seconds = (performance.now() - t0) / 1000;
      results.push({ name: scenario.name, title: scenario.title, status, seconds, detail });
      const line = `consumer: ${status === 'ok' ? 'ok  ' : 'FAIL'} ${scenario.name} — ${scenario.title} (${seconds.toFixed(1)}s)`;
      console.log(status === 'ok' ? `${line}${detail ? `: ${detail}` : ''}` : `${line}\n${indent(detail)}`);
    }
  } catch (error) {
    results.push({
      name: 'setup',
      title: 'pack and install',
      status: 'FAIL',
      seconds: 0,
      detail: String(error?.message ?? error),
    });
    console.log(`consumer: FAIL setup — ${error?.stack ?? error}`);
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
  }
  const passed = results.filter((result) => result.status === 'ok').length;
  const failed = results.length - passed;
  const total = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`consumer: ${passed} passed, ${failed} failed (${total}s)`);
  if (options.json) {
    await writeFile(options.json, `${JSON.stringify({ passed, failed, scenarios: results }, null, 2)}\n`);
  }
  process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

await main();
