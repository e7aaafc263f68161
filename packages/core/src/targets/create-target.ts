import { resolve } from 'node:path';
import type { ModuleImporter } from '../modules/import-module.js';
import type { TargetRef } from '../schema/suite.js';
import { createCommandTarget } from './create-command-target.js';
import { createHttpTarget } from './create-http-target.js';
import { loadModuleTarget } from './load-module-target.js';
import type { Target } from './target.js';

export interface CreateTargetOptions {
  /** The suite file's folder: module paths and a command's `cwd` are relative to it. */
  baseDir: string;
  /** Environment for commands and `${VAR}` in HTTP targets. @default process.env */
  env?: Record<string, string | undefined>;
  /** How a module target is imported. @default Node's import (with a TypeScript loader for `.ts`) */
  importModule?: ModuleImporter;
}

/** The target a suite's `target:` names: `{ module }`, `{ command: [...] }` or `{ url }`. */
export async function createTarget(ref: TargetRef, options: CreateTargetOptions): Promise<Target> {
  const env = options.env ?? process.env;
  if ('module' in ref) {
    return loadModuleTarget({
      module: ref.module,
      ...(ref.export === undefined ? {} : { export: ref.export }),
      baseDir: options.baseDir,
      ...(options.importModule === undefined ? {} : { importModule: options.importModule }),
    });
  }
  if ('command' in ref) {
    return createCommandTarget({
      command: ref.command,
      cwd: resolve(options.baseDir, ref.cwd ?? '.'),
      baseEnv: env,
      ...(ref.env === undefined ? {} : { env: ref.env }),
      ...(ref.timeoutSeconds === undefined ? {} : { timeoutSeconds: ref.timeoutSeconds }),
      ...(ref.llm === undefined ? {} : { llm: ref.llm }),
    });
  }
  return createHttpTarget({ ...ref, env });
}
