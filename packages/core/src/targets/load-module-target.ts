import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AgentCicdError } from '../errors.js';
import type { AgentFunction, Target } from './target.js';

export interface ModuleTargetOptions {
  /** Path of the module, relative to `baseDir`. */
  module: string;
  /** The export to use: a function `run(input, ctx)` or an object with a `run` method. @default `run`, else `default` */
  export?: string;
  baseDir: string;
}

/** Wraps an agent function as a module target. */
export function createModuleTarget(run: AgentFunction): Target {
  return { kind: 'module', run: async (input, context) => run(input, context) };
}

/**
 * Imports the user's agent module (`export async function run(input, ctx)`). TypeScript modules load when the
 * process runs with a TypeScript loader (Vitest, `tsx`); the `agent-cicd` CLI registers one when available.
 */
export async function loadModuleTarget(options: ModuleTargetOptions): Promise<Target> {
  const file = resolve(options.baseDir, options.module);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new AgentCicdError(
      'AGENT_CICD_TARGET_INVALID',
      `cannot load the target module: ${(cause as Error).message}`,
      {
        cause,
        location: { file },
      },
    );
  }
  const name = options.export ?? ('run' in module ? 'run' : 'default');
  const exported = module[name];
  const run =
    typeof exported === 'function'
      ? (exported as AgentFunction)
      : exported !== null && typeof exported === 'object' && typeof (exported as { run?: unknown }).run === 'function'
        ? (((input, context) => (exported as { run: AgentFunction }).run(input, context)) as AgentFunction)
        : undefined;
  if (!run) {
    throw new AgentCicdError(
      'AGENT_CICD_TARGET_INVALID',
      `the target module has no export "${name}" that is a function run(input, ctx) or an object with a run method`,
      { location: { file } },
    );
  }
  return createModuleTarget(run);
}
