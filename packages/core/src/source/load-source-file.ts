import { parseSource } from './parse-source.js';
import { type ReadTextFileOptions, readTextFile } from './read-text-file.js';
import type { SourceDocument } from './source-document.js';
import { authoredFileLimits, type SourceLimits } from './source-limits.js';

export interface LoadSourceFileOptions extends ReadTextFileOptions {
  /** How errors name the file (default: `path`). */
  name?: string;
  /** Size, depth and alias limits (default: {@link authoredFileLimits}). */
  limits?: SourceLimits;
}

/**
 * The one guarded path from a file on disk to located data: read (size limit, UTF-8), parse (`.json` strictly,
 * else YAML; depth and alias limits). Every failure is one `AgentCicdError` with file, line and column.
 */
export async function loadSourceFile(path: string, options: LoadSourceFileOptions = {}): Promise<SourceDocument> {
  const name = options.name ?? path;
  const limits = options.limits ?? authoredFileLimits;
  const text = await readTextFile(path, name, { maxBytes: options.maxBytes ?? limits.maxBytes });
  return parseSource(text, name, limits);
}
