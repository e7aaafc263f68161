import { createRunContext, importModule, type ModuleImporter, type RunContext } from '@agent-cicd/core';
import type { AgentCicdProvided } from './provided.js';

let shared: { key: string; context: Promise<RunContext> } | undefined;
let viteImport: ModuleImporter | undefined;

/**
 * Vite's `import()`, handed over by the modules the plugin generates (they run through Vite; this runtime runs in
 * Node): target and tools modules then load like any test file — TypeScript included, no user loader.
 */
export function useModuleImporter(importer: ModuleImporter): void {
  viteImport = importer;
}

/**
 * One run context (the tier's LLM client with its provider limit, tools, judge) per worker, shared by every
 * suite file the worker runs, so concurrent cases share one provider limit.
 */
export function sharedRunContext(provided: AgentCicdProvided): Promise<RunContext> {
  const key = JSON.stringify([provided.root, provided.tier, provided.configFile, provided.skipJudge]);
  if (shared?.key !== key) {
    shared = {
      key,
      context: createRunContext({
        cwd: provided.root,
        ...(provided.tier === undefined ? {} : { tier: provided.tier }),
        ...(provided.configFile === undefined ? {} : { configFile: provided.configFile }),
        ...(provided.skipJudge ? { judge: false as const } : {}),
        importModule: (file) => (viteImport ?? importModule)(file),
      }),
    };
  }
  return shared.context;
}
