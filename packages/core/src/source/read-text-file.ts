import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { AgentCicdError } from '../errors.js';
import { decodeUtf8 } from './decode-utf8.js';
import { authoredFileLimits, formatBytes } from './source-limits.js';

export interface ReadTextFileOptions {
  /** Largest file accepted, in bytes (default: {@link authoredFileLimits}). */
  maxBytes?: number;
}

function readError(error: unknown, name: string): AgentCicdError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', 'file not found', {
      cause: error,
      location: { file: name },
    });
  if (code === 'EISDIR')
    return new AgentCicdError('AGENT_CICD_FILE_UNREADABLE', 'is a directory, expected a file', {
      cause: error,
      location: { file: name },
    });
  return new AgentCicdError('AGENT_CICD_FILE_UNREADABLE', `cannot read file (${code ?? 'unknown error'})`, {
    cause: error,
    location: { file: name },
  });
}

function checkSize(size: number, isFile: boolean, name: string, maxBytes: number): void {
  if (!isFile) throw readError(Object.assign(new Error('not a file'), { code: 'EISDIR' }), name);
  if (size > maxBytes)
    throw new AgentCicdError(
      'AGENT_CICD_FILE_TOO_LARGE',
      `file is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} agent-cicd reads from one file: split it`,
      { location: { file: name } },
    );
}

/**
 * Reads a user's file as UTF-8 text through the guarded path: a missing, unreadable, too large or non-UTF-8 file is
 * one `AgentCicdError` naming it (as `name`, default `path`).
 */
export async function readTextFile(
  path: string,
  name: string = path,
  options: ReadTextFileOptions = {},
): Promise<string> {
  const maxBytes = options.maxBytes ?? authoredFileLimits.maxBytes;
  let bytes: Buffer;
  try {
    const info = await stat(path);
    checkSize(info.size, info.isFile(), name, maxBytes);
    bytes = await readFile(path);
  } catch (error) {
    throw error instanceof AgentCicdError ? error : readError(error, name);
  }
  // The file may have grown between stat and read.
  checkSize(bytes.length, true, name, maxBytes);
  return decodeUtf8(bytes, name);
}

/** {@link readTextFile}, synchronously (for journals read while a run starts). */
export function readTextFileSync(path: string, name: string = path, options: ReadTextFileOptions = {}): string {
  const maxBytes = options.maxBytes ?? authoredFileLimits.maxBytes;
  let bytes: Buffer;
  try {
    const info = statSync(path);
    checkSize(info.size, info.isFile(), name, maxBytes);
    bytes = readFileSync(path);
  } catch (error) {
    throw error instanceof AgentCicdError ? error : readError(error, name);
  }
  checkSize(bytes.length, true, name, maxBytes);
  return decodeUtf8(bytes, name);
}
