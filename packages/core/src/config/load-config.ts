import { access } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { AgentCicdError } from '../errors.js';
import { importModule, typeScriptLoaderHint } from '../modules/import-module.js';
import { parseSource } from '../source/parse-source.js';
import { readTextFile } from '../source/read-text-file.js';
import { dataSource, type SourceDocument } from '../source/source-document.js';
import { validateSource } from '../source/validate-source.js';
import { type AgentCicdConfig, ConfigSchema } from './config-schema.js';

/** Config file names, in the order they are looked for. */
export const CONFIG_FILE_NAMES = [
  'agent-cicd.config.ts',
  'agent-cicd.config.mts',
  'agent-cicd.config.js',
  'agent-cicd.config.mjs',
  'agent-cicd.config.yaml',
  'agent-cicd.config.yml',
] as const;

/** A loaded config and the project it belongs to. */
export interface LoadedConfig {
  /** The config file, or undefined when there is none (built-in defaults). */
  file: string | undefined;
  /** The project root: the directory holding the config file (without one, `cwd`). */
  root: string;
  config: AgentCicdConfig;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the config file for `startDir`: in it or the nearest parent that has one, stopping at a repository root
 * (a directory holding `.git`). Two config files in one directory are an error.
 */
export async function findConfigFile(startDir: string): Promise<string | undefined> {
  let dir = resolve(startDir);
  for (;;) {
    const found: string[] = [];
    for (const name of CONFIG_FILE_NAMES) if (await exists(join(dir, name))) found.push(join(dir, name));
    if (found.length > 1) {
      throw new AgentCicdError(
        'AGENT_CICD_CONFIG_INVALID',
        `more than one config file: ${found.join(', ')}; keep one`,
        {
          location: { file: found[1] as string },
        },
      );
    }
    if (found[0]) return found[0];
    const parent = dirname(dir);
    if (parent === dir || (await exists(join(dir, '.git')))) return undefined;
    dir = parent;
  }
}

async function importConfigModule(file: string, name: string): Promise<unknown> {
  try {
    return (await importModule(file)).default;
  } catch (error) {
    throw new AgentCicdError(
      'AGENT_CICD_CONFIG_INVALID',
      `cannot load config: ${(error as Error).message}${typeScriptLoaderHint(error)}`,
      { cause: error, location: { file: name } },
    );
  }
}

/**
 * Reads and validates one config file (YAML, or a JS/TS module whose default export is the config).
 * Errors name the file as `name` (default: `file` as given).
 */
export async function readConfigFile(file: string, options: { name?: string } = {}): Promise<AgentCicdConfig> {
  const name = options.name ?? file;
  let doc: SourceDocument;
  if (/\.ya?ml$/i.test(file)) {
    doc = parseSource(await readTextFile(file, name), name);
    if (doc.value === null) doc = { ...doc, value: {} };
  } else {
    if (!(await exists(file))) {
      throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', 'file not found', { location: { file: name } });
    }
    doc = dataSource(await importConfigModule(resolve(file), name), name);
  }
  return validateSource(doc, ConfigSchema, 'AGENT_CICD_CONFIG_INVALID');
}

/**
 * Loads the project config: `file` if given (relative to `cwd`), else the one {@link findConfigFile} finds from
 * `cwd`, else the built-in defaults.
 */
export async function loadConfig(options: { cwd?: string; file?: string | undefined } = {}): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = options.file === undefined ? await findConfigFile(cwd) : resolve(cwd, options.file);
  if (file === undefined) return { file: undefined, root: cwd, config: ConfigSchema.parse({}) };
  return { file, root: dirname(file), config: await readConfigFile(file, { name: relative(cwd, file) || file }) };
}
