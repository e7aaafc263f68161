import { pathToFileURL } from 'node:url';

/** Imports a user module (agent target, tools module, config) by absolute file path. */
export type ModuleImporter = (file: string) => Promise<Record<string, unknown>>;

/** `.ts`, `.mts`, `.cts` (and `.tsx`) files need a TypeScript loader under plain Node. */
export const isTypeScriptFile = (file: string): boolean => /\.[cm]?tsx?$/i.test(file);

// Running from our own `.ts` sources means a TypeScript-capable loader (Vitest, tsx) already runs us.
const runningFromSource = import.meta.url.endsWith('.ts');

type RegisterTsx = () => Promise<{ register: () => unknown }>;
const loadTsx: RegisterTsx = () => import('tsx/esm/api' as string) as Promise<{ register: () => unknown }>;

let tsxRegistration: Promise<boolean> | undefined;

/**
 * Registers `tsx`'s ESM loader in this process, once: an optional peer dependency of `@agent-cicd/core` that the
 * `@agent-cicd/cli` package depends on. Resolves to false when tsx is not installed (plain Node may then still
 * load the file, e.g. Node ≥ 22.18 strips types itself; else the import fails with a message naming tsx).
 */
export function registerTypeScriptLoader(load: RegisterTsx = loadTsx): Promise<boolean> {
  tsxRegistration ??= load().then(
    (tsx) => {
      tsx.register();
      return true;
    },
    () => false,
  );
  return tsxRegistration;
}

/**
 * The default importer: Node's `import()`; for a TypeScript file it first registers tsx (see
 * `registerTypeScriptLoader`), so a user's `agent.ts` loads under `npx agent-cicd` without `--import tsx`.
 * Under Vitest the plugin passes Vite's own `import()` instead (`createRunContext({ importModule })`).
 */
export const importModule: ModuleImporter = async (file) => {
  if (!runningFromSource && isTypeScriptFile(file)) await registerTypeScriptLoader();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
};

/** A hint for an import that failed because no TypeScript loader was available. */
export function typeScriptLoaderHint(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_UNKNOWN_FILE_EXTENSION'
    ? ' (a TypeScript module needs a TypeScript loader: install tsx — @agent-cicd/cli depends on it — or compile it to .js)'
    : '';
}
