// Scenario 5: the README's and docs' examples, run in a consumer repository per page, block by block in page
// order like a terminal session. A file block (first line names a path) is written there; a `sh` block runs there
// (`sh -e`), expecting exit 0 or its `exit N` directive, and a `cd` in it carries over to the next blocks; every
// `ts` block is type-checked (strict) with the page's files; a `yaml` fragment must parse. Blocks that cannot run
// in a fresh repository carry `<!-- doc-test: skip — reason -->` on the line above; every skip is listed in the
// scenario's line. The `@agent-cicd` scope is served from the packed tarballs by a local registry
// (lib/scope-registry.mjs), so `npm install @agent-cicd/cli` and `npx @agent-cicd/cli init` work as once
// published; everything else a block runs is the real command.
// Only some pages: DOC_PAGES=getting-started,judges node scripts/consumer/run.mjs 5-
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exec, ScenarioFailure } from '../lib/consumer-repo.mjs';
import { expectedExit, parseBlocks, skipReason } from '../lib/doc-blocks.mjs';
import { startScopeRegistry } from '../lib/scope-registry.mjs';

export const title = "the README's and docs' code blocks, extracted into a repository per page and run";

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['**/*.ts', '**/*.mts'],
  exclude: ['node_modules'],
};

const SH_LANGS = ['sh', 'bash', 'shell'];
const PAGE_CONCURRENCY = Number(process.env.DOC_PAGE_CONCURRENCY ?? 2);

async function pages(monorepo) {
  const docs = (await readdir(join(monorepo, 'docs'))).filter((name) => name.endsWith('.md')).sort();
  const all = ['README.md', ...docs.map((name) => `docs/${name}`)];
  const only = (process.env.DOC_PAGES ?? '').split(',').filter(Boolean);
  return only.length === 0 ? all : all.filter((page) => only.some((part) => page.includes(part)));
}

const CONFIG_FILE = /(^|\/)agent-cicd\.config\.(ya?ml|json|[cm]?[jt]s)$/;
/** Files `agent-cicd lint` checks: suites, case files, configs, manifests, templates. */
const LINTED = /\.(prompt|suite)\.ya?ml$|\.cases\.json$|(^|\/)agent-cicd\.config\.|manifest\.ya?ml$|\.hbs$/;

/**
 * A project has one config file: a page showing the same config in another format (YAML, then TypeScript) means
 * "or this instead". The one already there is linted, then removed, before the new one is written.
 */
async function replaceOtherConfig(repo, file, where, env) {
  const dir = dirname(file);
  for (const ext of ['yaml', 'yml', 'json', 'ts', 'mts', 'cts', 'js', 'mjs', 'cjs']) {
    const other = join(dir, `agent-cicd.config.${ext}`);
    if (other === file || !(await repo.exists(other))) continue;
    const lint = await repo.exec('npx', ['--no-install', 'agent-cicd', 'lint', '--quiet', other], {
      expect: null,
      env,
    });
    if (lint.code !== 0) {
      throw new ScenarioFailure(
        `${where}: ${other} (written before) does not pass \`agent-cicd lint\`\n${lint.output}`,
      );
    }
    await rm(repo.path(other));
  }
}

async function runPage(page, markdown, { createRepo, env }) {
  const { blocks, pageDirective } = parseBlocks(markdown);
  const skipped = [];
  const pageSkip = skipReason(pageDirective, 'skip-page');
  if (pageSkip) {
    return { page, ran: 0, skipped: [{ where: `${page} (whole page, ${blocks.length} blocks)`, reason: pageSkip }] };
  }
  const runnable = blocks.filter((block) => block.file || [...SH_LANGS, 'ts', 'yaml', 'yml'].includes(block.lang));
  if (runnable.length === 0) return { page, ran: 0, skipped };
  const repo = await createRepo({ name: page.replace(/[^\w]+/g, '-') });
  await repo.write({ 'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n` });
  let cwd = '.'; // where the last `cd` of a sh block left the session, relative to the repository
  let ran = 0;
  let typescript = 0;
  let linted = false;
  for (const block of runnable) {
    const where = `${page}:${block.line}`;
    const reason = skipReason(block.directive);
    if (reason) {
      skipped.push({ where, reason });
      continue;
    }
    if (block.file) {
      if (CONFIG_FILE.test(block.file)) await replaceOtherConfig(repo, join(cwd, block.file), where, env);
      await repo.write({ [join(cwd, block.file)]: block.code });
      if (LINTED.test(block.file)) linted = true;
      if (/\.tsx?$|\.mts$/.test(block.file)) typescript++;
      ran++;
    } else if (SH_LANGS.includes(block.lang)) {
      const pwdFile = repo.path('.doc-test-pwd');
      const script = `cd '${cwd}'\ntrap 'pwd > "${pwdFile}"' EXIT\n${block.code}`;
      const result = await repo.exec('sh', ['-e', '-c', script], { expect: null, env, timeout: 600_000 });
      const want = expectedExit(block.directive);
      if (result.code !== want) {
        throw new ScenarioFailure(
          `${where}: the sh block exited ${result.code}, expected ${want}\n${result.output.split('\n').slice(-30).join('\n')}`,
        );
      }
      const now = (await readFile(pwdFile, 'utf8')).trim();
      cwd = relative(repo.dir, now) || '.';
      if (cwd.startsWith('..') || isAbsolute(cwd)) {
        throw new ScenarioFailure(`${where}: the sh block left the repository (cd ${now})`);
      }
      ran++;
    } else if (block.lang === 'ts') {
      await repo.write({ [`doc-snippets/line-${block.line}.ts`]: `export {};\n${block.code}` });
      typescript++;
      ran++;
    } else if (block.lang === 'yaml' || block.lang === 'yml') {
      try {
        parseYaml(block.code);
      } catch (error) {
        throw new ScenarioFailure(`${where}: the yaml block does not parse: ${error.message}`);
      }
      ran++;
    }
  }
  if (linted) {
    // Every suite, config and manifest the page wrote must be valid (a stale option name in a file block that no
    // command of the page reads still fails here).
    const lint = await repo.exec('npx', ['--no-install', 'agent-cicd', 'lint', '--quiet', cwd], { expect: null, env });
    if (lint.code !== 0) {
      throw new ScenarioFailure(
        `${page}: its files do not pass \`agent-cicd lint\`\n${lint.output.split('\n').slice(-25).join('\n')}`,
      );
    }
  }
  if (typescript > 0) {
    const tsc = await repo.exec('node', [repo.path('node_modules/typescript/bin/tsc'), '-p', '.'], { expect: null });
    if (tsc.code !== 0) {
      throw new ScenarioFailure(
        `${page}: its TypeScript blocks do not type-check\n${tsc.output.split('\n').slice(-25).join('\n')}`,
      );
    }
  }
  return { page, ran, skipped };
}

export async function run({ monorepo, work, tarballs, repo: createRepo }) {
  const registry = await startScopeRegistry(tarballs);
  // The user's npm config plus the scope's registry, and npm's cache used first (as a CI cache would).
  const userconfig = join(work, 'doc-npmrc');
  const userNpmrc = await exec('npm', ['config', 'get', 'userconfig']).then((result) =>
    readFile(result.stdout.trim(), 'utf8').catch(() => ''),
  );
  await writeFile(userconfig, `${userNpmrc}\n@agent-cicd:registry=${registry.url}\n`);
  const env = {
    npm_config_userconfig: userconfig,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // Pages are independent repositories: two at a time (CI has 2 cores; most of a page's time is npm and
  // process start-up). Results are reported in page order.
  const list = await pages(monorepo);
  const outcomes = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const index = next++;
      const page = list[index];
      const t0 = performance.now();
      try {
        const result = await runPage(page, await readFile(join(monorepo, page), 'utf8'), { createRepo, env });
        outcomes[index] = { result: { ...result, seconds: (performance.now() - t0) / 1000 } };
      } catch (error) {
        outcomes[index] = {
          failure: error instanceof ScenarioFailure ? error.message : `${page}: ${error.stack ?? error}`,
        };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: PAGE_CONCURRENCY }, worker));
  } finally {
    await registry.close();
  }
  const failures = outcomes.filter((outcome) => outcome.failure).map((outcome) => outcome.failure);
  const results = outcomes.filter((outcome) => outcome.result).map((outcome) => outcome.result);
  if (failures.length > 0) {
    throw new ScenarioFailure(`${failures.length} page(s) failed:\n${failures.join('\n\n')}`);
  }
  const ran = results.reduce((sum, result) => sum + result.ran, 0);
  const skipped = results.flatMap((result) => result.skipped);
  const skips = skipped.map((skip) => `${skip.where} (${skip.reason})`).join('; ');
  const slowest = [...results]
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 3)
    .map((result) => `${result.page} ${result.seconds.toFixed(0)}s`)
    .join(', ');
  return `${results.length} pages, ${ran} blocks run, ${skipped.length} skipped${skips ? ` — ${skips}` : ''}; slowest: ${slowest}`;
}
