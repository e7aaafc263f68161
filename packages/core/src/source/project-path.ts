import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { AgentCicdError, type SourceLocation } from '../errors.js';
import { authoredFileLimits, formatBytes } from './source-limits.js';

/** Code of a path in a file that leads outside the project root. */
export const OUTSIDE_PROJECT = 'AGENT_CICD_FILE_OUTSIDE_PROJECT';

/** Whether `path`, resolved from `root`, stays inside `root` (lexically: no absolute path, no `..` out of it). */
export function isInsideRoot(root: string, path: string): boolean {
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.includes('\0')) return false;
  const rel = relative(resolve(root), resolve(root, path));
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

const outsideMessage = (path: string): string =>
  `${JSON.stringify(path)} is outside the project root: paths in files resolve from the project root (the config file's directory) and must stay inside it`;

/**
 * A path written in a file (a manifest prompt path, a mock script, a cassette directory): relative to the project
 * root and inside it. An absolute path or one that climbs out with `..` is an `AGENT_CICD_FILE_OUTSIDE_PROJECT`
 * error at its line and column.
 */
export function projectPathSchema(description: string) {
  return z
    .string()
    .min(1)
    .superRefine((path, ctx) => {
      if (!isInsideRoot('/project', path)) {
        ctx.addIssue({ code: 'custom', message: outsideMessage(path), params: { code: OUTSIDE_PROJECT } });
      }
    })
    .describe(description);
}

const tooLarge = (path: string, size: number): AgentCicdError =>
  new AgentCicdError(
    'AGENT_CICD_FILE_TOO_LARGE',
    `file is ${formatBytes(size)}, more than the ${formatBytes(authoredFileLimits.maxBytes)} agent-cicd reads from one file: split it`,
    { location: { file: path } },
  );

/**
 * Reads a file named inside another file, from the project root: refused (`AGENT_CICD_FILE_OUTSIDE_PROJECT`) when
 * the path, or a symbolic link on it, leads outside the root; `AGENT_CICD_FILE_NOT_FOUND` when it cannot be read.
 * Errors are located at `location` (where the path is written); a file over the authored-file size limit is
 * `AGENT_CICD_FILE_TOO_LARGE` naming the file.
 */
export async function readProjectFile(root: string, path: string, location: SourceLocation): Promise<Buffer> {
  if (!isInsideRoot(root, path)) throw new AgentCicdError(OUTSIDE_PROJECT, outsideMessage(path), { location });
  const absolute = resolve(root, path);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(absolute), realpath(resolve(root))]);
  } catch (error) {
    throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', `cannot read ${path}`, { cause: error, location });
  }
  const rel = relative(realRoot, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new AgentCicdError(OUTSIDE_PROJECT, `${outsideMessage(path)} (through a symbolic link)`, { location });
  }
  let bytes: Buffer;
  try {
    const info = await stat(real);
    if (info.isFile() && info.size > authoredFileLimits.maxBytes) throw tooLarge(path, info.size);
    bytes = await readFile(real);
  } catch (error) {
    if (error instanceof AgentCicdError) throw error;
    throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', `cannot read ${path}`, { cause: error, location });
  }
  if (bytes.length > authoredFileLimits.maxBytes) throw tooLarge(path, bytes.length);
  return bytes;
}
