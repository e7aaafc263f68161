// Scenario 5: the README's and docs' examples, run in a consumer repository per page. A file block (first line
// names a path) is written there; a `sh` block runs there (`sh -e`), expecting exit 0 or its `exit N` directive;
// every `ts` block is type-checked (strict) with the page's files; a `yaml` fragment must parse. Blocks that
// cannot run in a fresh repository carry `<!-- doc-test: skip — reason -->` on the line above.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ScenarioFailure } from '../lib/consumer-repo.mjs';
import { expectedExit, parseBlocks, skipReason } from '../lib/doc-blocks.mjs';

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

async function pages(monorepo) {
  const docs = (await readdir(join(monorepo, 'docs'))).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

async function runPage(page, markdown, createRepo) {
  const { blocks, pageDirective } = parseBlocks(markdown);
  const pageSkip = skipReason(pageDirective, 'skip-page');
  if (pageSkip) return { page, skipped: true, ran: 0, skips: blocks.length };
  const runnable = blocks.filter((block) => block.file || ['sh', 'bash', 'ts', 'yaml', 'yml'].includes(block.lang));
  if (runnable.length === 0) return { page, ran: 0, skips: 0 };
  const repo = await createRepo({ name: page.replace(/[^\w]+/g, '-') });
  await repo.write({ 'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n` });
  let ran = 0;
  let skips = 0;
  let typescript = 0;
  for (const block of runnable) {
    const where = `${page}:${block.line}`;
    if (skipReason(block.directive)) {
      skips++;
      continue;
    }
    if (block.file) {
      await repo.write({ [block.file]: block.code });
      if (/\.tsx?$|\.mts$/.test(block.file)) typescript++;
      ran++;
    } else if (block.lang === 'sh' || block.lang === 'bash') {
      const result = await repo.exec('sh', ['-e', '-c', block.code], { expect: null });
      const want = expectedExit(block.directive);
      if (result.code !== want) {
        throw new ScenarioFailure(
          `${where}: the sh block exited ${result.code}, expected ${want}\n${result.output.split('\n').slice(-25).join('\n')}`,
        );
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
  if (typescript > 0) {
    const tsc = await repo.exec('node', [repo.path('node_modules/typescript/bin/tsc'), '-p', '.'], { expect: null });
    if (tsc.code !== 0) {
      throw new ScenarioFailure(
        `${page}: its TypeScript blocks do not type-check\n${tsc.output.split('\n').slice(-25).join('\n')}`,
      );
    }
  }
  return { page, ran, skips };
}

export async function run({ monorepo, repo: createRepo }) {
  const failures = [];
  const results = [];
  for (const page of await pages(monorepo)) {
    try {
      results.push(await runPage(page, await readFile(join(monorepo, page), 'utf8'), createRepo));
    } catch (error) {
      failures.push(error instanceof ScenarioFailure ? error.message : `${page}: ${error.stack ?? error}`);
    }
  }
  if (failures.length > 0) {
    throw new ScenarioFailure(`${failures.length} page(s) failed:\n${failures.join('\n\n')}`);
  }
  const ran = results.reduce((sum, result) => sum + result.ran, 0);
  const skipped = results.reduce((sum, result) => sum + result.skips, 0);
  return `${results.length} pages, ${ran} blocks run, ${skipped} marked skip`;
}
