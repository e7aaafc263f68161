import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core/errors';

/**
 * Checks, before a run starts, that `path` (absolute) can be written as a file: not a directory, and its nearest
 * existing ancestor is a writable directory. A bad `--report` or `--results` is invalid input (exit 2), found
 * before any case runs instead of after the whole run.
 */
export function checkOutputPath(flag: string, path: string, shown: string): void {
  const fail = (message: string): never => {
    throw new AgentCicdError('AGENT_CICD_USAGE', `${flag} ${shown}: ${message}`);
  };
  const info = statSync(path, { throwIfNoEntry: false });
  if (info?.isDirectory()) fail('is a directory; give a file path (e.g. out/report.json)');
  if (info && !info.isFile()) fail('is not a regular file');
  let dir = dirname(path);
  for (;;) {
    const parent = statSync(dir, { throwIfNoEntry: false });
    if (parent) {
      if (!parent.isDirectory()) fail(`${dir} is not a directory`);
      try {
        accessSync(dir, constants.W_OK | constants.X_OK);
      } catch {
        fail(`cannot write in ${dir}`);
      }
      if (info) {
        try {
          accessSync(path, constants.W_OK);
        } catch {
          fail('the file is not writable');
        }
      }
      return;
    }
    const up = dirname(dir);
    if (up === dir) fail('no existing parent directory');
    dir = up;
  }
}
