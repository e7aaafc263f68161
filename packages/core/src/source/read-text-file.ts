import { readFile } from 'node:fs/promises';
import { AgentCicdError } from '../errors.js';

/** Reads a user's file; a missing or unreadable file is an `AgentCicdError` naming it (as `name`, default `path`). */
export async function readTextFile(path: string, name: string = path): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', 'file not found', {
        cause: error,
        location: { file: name },
      });
    throw new AgentCicdError('AGENT_CICD_FILE_UNREADABLE', `cannot read file (${code ?? 'unknown error'})`, {
      cause: error,
      location: { file: name },
    });
  }
}
