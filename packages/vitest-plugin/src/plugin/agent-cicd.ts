import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentCicdError, loadConfig, providerConcurrency } from '@agent-cicd/core';
import { formatUserError } from '@agent-cicd/core/errors';
import { defaultInclude, type Plugin } from 'vitest/config';
import type { TestProject } from 'vitest/node';
import { AgentCicdReporter } from '../reporter/agent-cicd-reporter.js';
import { journalDir } from '../reporter/journal-dir.js';
import type { AgentCicdProvided } from '../runtime/provided.js';
import { suiteToModule } from '../transform/suite-to-module.js';
import { type AgentCicdOptions, resolveAgentCicdOptions } from './options.js';

const suiteFile = /\.(?:(?:prompt|suite)\.ya?ml|cases\.json)$/;
/** Other YAML/JSON files are suites when the project's `include` globs (e.g. the plugin's `include`) collect them. */
const dataFile = /\.(?:ya?ml|json)$/i;

// Runs from source (`.ts`, tests and typecheck) and from `dist/` (`.js`); the runtime files sit beside us either way.
const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const ownFile = (path: string): string => fileURLToPath(new URL(`${path}${ownExtension}`, import.meta.url));

/**
 * Built (`.js`), our runtime and core load in the workers as installed packages do: natively, not through Vite's
 * transform. Installed, they are under `node_modules/` and Vitest externalizes them anyway; linked (a workspace,
 * this repository) they are not, and transforming core for every test worker cost seconds of start-up.
 */
function builtPackages(): RegExp[] {
  if (ownExtension !== '.js') return [];
  const literal = (path: string): string => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const dirs = [
    fileURLToPath(new URL('../', import.meta.url)),
    dirname(fileURLToPath(import.meta.resolve('@agent-cicd/core'))),
  ];
  return dirs.map((dir) => new RegExp(`${literal(dir.endsWith(sep) ? dir : `${dir}${sep}`)}`));
}

/** A suite file the user got wrong: one line `error[CODE] file:line:col: message`, without our stack frames. */
function userFacing(error: AgentCicdError, root: string): Error {
  const location = error.location && { ...error.location, file: relative(root, error.location.file) };
  const located = new AgentCicdError(error.code, error.message, { cause: error, ...(location ? { location } : {}) });
  const wrapped = new Error(`error[${error.code}] ${formatUserError(located)}`);
  wrapped.name = 'AgentCicdError';
  wrapped.stack = `${wrapped.name}: ${wrapped.message}`;
  return wrapped;
}

/**
 * The provider's concurrency from the project's agent-cicd config. A config that does not load gives the
 * default here: the cases then fail on it with its located error, where the run loads it.
 */
async function configuredConcurrency(root: string, configFile: string | undefined): Promise<number> {
  try {
    return providerConcurrency((await loadConfig({ cwd: root, file: configFile })).config);
  } catch (error) {
    if (error instanceof AgentCicdError) return providerConcurrency({});
    throw error;
  }
}

/**
 * The Vitest plugin: makes suite files collectable test files, registers the matchers (setup file) and the
 * agent-cicd reporter. Add it to `plugins` in `vitest.config.ts`.
 *
 * @example
 * export default defineConfig({ plugins: [agentCicd()] });
 */
export function agentCicd(options: AgentCicdOptions = {}): Plugin {
  const resolved = resolveAgentCicdOptions(options);
  let root = process.cwd();
  let project: Pick<TestProject, 'matchesTestGlob'> | undefined;
  return {
    name: 'agent-cicd',
    enforce: 'pre',
    async config(config) {
      config.test ??= {};
      const test = config.test;
      test.include = [...(test.include ?? defaultInclude), ...resolved.include];
      const setupFiles = test.setupFiles === undefined ? [] : [test.setupFiles].flat();
      test.setupFiles = [...setupFiles, ownFile('../runtime/setup')];
      // A project resolving our packages to their sources (this repository's `@agent-cicd/source` condition, which
      // Vitest also gives the workers' own resolution) keeps Vite's transform: Node cannot load `.ts`.
      const conditions = [...(config.resolve?.conditions ?? []), ...(config.ssr?.resolve?.conditions ?? [])];
      const external = conditions.includes('@agent-cicd/source') ? [] : builtPackages();
      if (external.length > 0) {
        test.server = {
          ...test.server,
          deps: { ...test.server?.deps, external: [...(test.server?.deps?.external ?? []), ...external] },
        };
      }
      root = resolve(config.root ?? process.cwd(), test.root ?? '.');
      // Cases are latency-bound (model calls): Vitest's default of 5 concurrent tests would serialise them.
      // Unset, as many as the provider takes, the same default as `agent-cicd run`.
      test.maxConcurrency ??= resolved.concurrency ?? (await configuredConcurrency(root, resolved.configFile));
      const provided: AgentCicdProvided = {
        root,
        caseTimeout: resolved.caseTimeout,
        journalDir: journalDir(),
        ...(resolved.judge ? {} : { skipJudge: true }),
        // The same limit bounds the trials of the worker's cases (one limit for them all, as in `agent-cicd run`).
        ...(test.maxConcurrency === undefined ? {} : { concurrency: test.maxConcurrency }),
        ...(resolved.tier === undefined ? {} : { tier: resolved.tier }),
        ...(resolved.configFile === undefined ? {} : { configFile: resolved.configFile }),
      };
      test.provide = { ...test.provide, agentCicd: provided };
    },
    configureVitest({ vitest, project: testProject }) {
      project = testProject;
      // One reporter per run, however many projects use the plugin.
      if (vitest.config.reporters.some((reporter) => reporter instanceof AgentCicdReporter)) return;
      vitest.config.reporters.push(new AgentCicdReporter(resolved));
    },
    transform(text, id) {
      const file = id.split('?')[0] ?? id;
      // The default names, or any YAML/JSON file the configured globs collect (the seed's tests/prompt_test_cases.json).
      if (!suiteFile.test(file) && !(dataFile.test(file) && project?.matchesTestGlob(file))) return null;
      try {
        const { code, map } = suiteToModule({
          text,
          file,
          runtimeEntry: ownFile('../runtime/register-suite'),
          casesPerTest: resolved.casesPerTest,
        });
        return { code, map, moduleType: 'js' };
      } catch (error) {
        throw error instanceof AgentCicdError ? userFacing(error, root) : error;
      }
    },
  };
}
