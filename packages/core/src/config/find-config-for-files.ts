import { dirname, relative, resolve } from 'node:path';
import { AgentCicdError } from '../errors.js';
import { findConfigFile } from './load-config.js';

/**
 * The config file of the project the given files belong to, found the way `lint` finds it: from each file's
 * folder up to the repository root. So `agent-cicd run prompts/` from a repository root uses
 * `prompts/agent-cicd.config.yaml`. Files under no config fall back to the one found from `cwd`; files of two
 * different projects are an error (run them separately or pass `--config`).
 */
export async function findConfigForFiles(files: string[], cwd: string): Promise<string | undefined> {
  const found = new Map<string, string>();
  for (const file of files) {
    const config = await findConfigFile(dirname(resolve(cwd, file)));
    if (config !== undefined && !found.has(config)) found.set(config, file);
  }
  if (found.size > 1) {
    const list = [...found].map(([config, file]) => `${relative(cwd, file)} → ${relative(cwd, config)}`).join(', ');
    throw new AgentCicdError(
      'AGENT_CICD_USAGE',
      `the suites belong to different projects (${list}); run each project separately or pass --config`,
    );
  }
  return found.size === 1 ? [...found.keys()][0] : findConfigFile(cwd);
}
