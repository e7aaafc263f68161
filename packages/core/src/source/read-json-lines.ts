import { open } from 'node:fs/promises';
import { AgentCicdError } from '../errors.js';
import { decodeUtf8 } from './decode-utf8.js';
import { parseJsonLine } from './parse-json-line.js';
import type { SourceDocument } from './source-document.js';
import { formatBytes, generatedFileLimits, type SourceLimits } from './source-limits.js';

/** One line of a JSON Lines file: where it is (1-based line, byte offset and length) and its text. */
export interface TextLine {
  line: number;
  start: number;
  length: number;
  text: string;
}

export interface ReadLinesOptions {
  /** How errors name the file (default: `path`). */
  name?: string;
  /** Longest line accepted, in bytes (default: the generated-file size limit). */
  maxLineBytes?: number;
}

/** Moves an error located in one line's bytes (line 1) to that line of the file. */
function shift(error: unknown, file: string, line: number): unknown {
  if (!(error instanceof AgentCicdError)) return error;
  return new AgentCicdError(error.code, error.message, {
    location: { file, line, column: error.location?.column ?? 1 },
  });
}

/**
 * Streams the lines of a file written one record per line (a run journal) through the guarded path, holding one
 * line in memory at a time: a line longer than `maxLineBytes` is `AGENT_CICD_FILE_TOO_LARGE` and bytes that are not
 * UTF-8 are `AGENT_CICD_FILE_NOT_UTF8`, both at `file:line:col`. A missing or unreadable file is located as in
 * `readTextFile`. `\r\n` line ends are accepted; a last line without `\n` is yielded too.
 */
export async function* readTextLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<TextLine> {
  const name = options.name ?? path;
  const maxLineBytes = options.maxLineBytes ?? generatedFileLimits.maxBytes;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AgentCicdError(
      code === 'ENOENT' ? 'AGENT_CICD_FILE_NOT_FOUND' : 'AGENT_CICD_FILE_UNREADABLE',
      code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`,
      { cause: error, location: { file: name } },
    );
  }
  const chunk = Buffer.alloc(64 * 1024);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  let start = 0;
  const finish = (bytes: Buffer): TextLine => {
    const body = bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
    let text: string;
    try {
      text = decodeUtf8(body, name);
    } catch (error) {
      throw shift(error, name, line);
    }
    return { line, start, length: bytes.length, text };
  };
  try {
    for (;;) {
      let read: number;
      try {
        ({ bytesRead: read } = await handle.read(chunk, 0, chunk.length, null));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new AgentCicdError(
          'AGENT_CICD_FILE_UNREADABLE',
          code === 'EISDIR' ? 'is a directory, expected a file' : `cannot read file (${code ?? 'unknown error'})`,
          { cause: error, location: { file: name } },
        );
      }
      if (read === 0) break;
      let from = 0;
      for (;;) {
        const newline = chunk.indexOf(0x0a, from);
        const end = newline === -1 || newline >= read ? read : newline;
        pendingBytes += end - from;
        if (pendingBytes > maxLineBytes) {
          throw new AgentCicdError(
            'AGENT_CICD_FILE_TOO_LARGE',
            `line is longer than the ${formatBytes(maxLineBytes)} agent-cicd reads as one record`,
            { location: { file: name, line, column: 1 } },
          );
        }
        pending.push(Buffer.from(chunk.subarray(from, end)));
        if (end === read) break;
        const bytes = Buffer.concat(pending);
        yield finish(bytes);
        start += bytes.length + 1;
        line++;
        pending = [];
        pendingBytes = 0;
        from = end + 1;
      }
    }
    if (pendingBytes > 0) yield finish(Buffer.concat(pending));
  } finally {
    await handle.close();
  }
}

/** {@link readTextLines}, each non-blank line parsed with {@link parseJsonLine} (located at its line). */
export async function* readJsonLines(
  path: string,
  options: ReadLinesOptions & { limits?: Pick<SourceLimits, 'maxDepth'> } = {},
): AsyncGenerator<TextLine & { doc: SourceDocument }> {
  const name = options.name ?? path;
  for await (const entry of readTextLines(path, options)) {
    if (entry.text.trim() === '') continue;
    yield { ...entry, doc: parseJsonLine(entry.text, name, entry.line, options.limits) };
  }
}
