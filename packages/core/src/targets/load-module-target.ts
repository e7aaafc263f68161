import { resolve } from 'node:path';
import { AgentCicdError } from '../errors.js';
import { importModule, type ModuleImporter, typeScriptLoaderHint } from '../modules/import-module.js';
import type { AgentFunction, Target } from './target.js';

export interface ModuleTargetOptions {
  /** Path of the module, relative to `baseDir`. */
  module: string;
  /** The export to use: a function `run(input, ctx)` or an object with a `run` method. @default `run`, else `default` */
  export?: string;
  baseDir: string;
  /** How the module is imported. @default `importModule` (Node's import; registers tsx for TypeScript files) */
  importModule?: ModuleImporter;
}

/** Wraps an agent function as a module target. */
export function createModuleTarget(run: AgentFunction): Target {
  return { kind: 'module', run: async (input, context) => run(input, context) };
}

/**
 * Imports the user's agent module (`export async function run(input, ctx)`). A TypeScript module loads without
 * any loader set up by the user: by default tsx is registered for it (the CLI depends on tsx); the Vitest plugin
 * passes Vite's importer.
 */
export async function loadModuleTarget(options: ModuleTargetOptions): Promise<Target> {
  const file = resolve(options.baseDir, options.module);
  let module: Record<string, unknown>;
  try {
    module = await (options.importModule ?? importModule)(file);
  } catch (cause) {
    throw new AgentCicdError(
      'AGENT_CICD_TARGET_INVALID',
      `cannot load the target module: ${(cause as Error).message}${typeScriptLoaderHint(cause)}`,
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
