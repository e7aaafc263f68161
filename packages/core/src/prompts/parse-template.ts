import Handlebars from 'handlebars';
import { AgentCicdError } from '../errors.js';
import { createLineIndex } from '../source/line-index.js';

type Program = ReturnType<typeof Handlebars.parse>;

function fail(file: string, message: string, position: { line: number; column: number }): never {
  throw new AgentCicdError('AGENT_CICD_TEMPLATE_INVALID', message, { location: { file, ...position } });
}

/** Finds a `{{` with no `}}` before the next `{{` (or the end), and block helpers that are never closed. */
function checkDelimiters(text: string, file: string): void {
  const toPosition = createLineIndex(text);
  const blocks: { name: string; offset: number }[] = [];
  let offset = text.indexOf('{{');
  while (offset !== -1) {
    if (text[offset - 1] === '\\') {
      offset = text.indexOf('{{', offset + 2);
      continue;
    }
    const isComment = text.startsWith('{{!--', offset);
    const close = isComment ? text.indexOf('--}}', offset + 5) + 2 : text.indexOf('}}', offset + 2);
    const next = text.indexOf('{{', offset + 2);
    if (close === 1 || close === -1 || (!isComment && next !== -1 && next < close)) {
      fail(file, 'unclosed "{{": no matching "}}"', toPosition(offset));
    }
    const tag = /^\{\{~?\s*([#/])\s*([^\s}~]+)/.exec(text.slice(offset, close + 2));
    if (tag?.[1] === '#') blocks.push({ name: tag[2] as string, offset });
    else if (tag?.[1] === '/') {
      const open = blocks.pop();
      if (!open) fail(file, `"{{/${tag[2]}}}" closes no open block`, toPosition(offset));
      if (open.name !== tag[2]) {
        fail(
          file,
          `"{{/${tag[2]}}}" closes "{{#${open.name}}}" opened at ${formatPosition(toPosition(open.offset))}`,
          toPosition(offset),
        );
      }
    }
    offset = text.indexOf('{{', close + 2);
  }
  const unclosed = blocks.pop();
  if (unclosed)
    fail(file, `unclosed block "{{#${unclosed.name}}}": no "{{/${unclosed.name}}}"`, toPosition(unclosed.offset));
}

function formatPosition(position: { line: number; column: number }): string {
  return `${position.line}:${position.column}`;
}

/**
 * Where a Handlebars (jison) parse error happened. The message gives the line and up to 20 characters before the
 * error (newlines removed); find that spot on the line.
 */
function parseErrorPosition(text: string, message: string): { line: number; column: number } {
  const [, lineText, context, caret] = /^Parse error on line (\d+):\n(.*)\n(-*)\^/.exec(message) ?? [];
  const line = Number(lineText ?? 1);
  if (context === undefined || caret === undefined) return { line, column: 1 };
  const before = context.slice(0, caret.length).replace(/^\.\.\./, '');
  const lines = text.split('\n');
  const lineStart = lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0);
  const lineLength = lines[line - 1]?.length ?? 0;
  for (let column = 0; column <= lineLength; column++) {
    const end = lineStart + column;
    if (
      text
        .slice(Math.max(0, end - before.length - 40), end)
        .replace(/\n/g, '')
        .endsWith(before)
    ) {
      return { line, column: column + 1 };
    }
  }
  return { line, column: 1 };
}

/** Parses a Handlebars template; syntax errors are `AGENT_CICD_TEMPLATE_INVALID` with line and column. */
export function parseTemplate(text: string, file: string): Program {
  checkDelimiters(text, file);
  try {
    return Handlebars.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const exception = error as { lineNumber?: number; column?: number };
    if (exception.lineNumber !== undefined) {
      fail(file, `template error: ${message.replace(/ - \d+:\d+$/, '')}`, {
        line: exception.lineNumber,
        column: (exception.column ?? 0) + 1,
      });
    }
    const expecting = message.split('\n').at(-1) ?? message;
    fail(file, `template parse error: ${expecting}`, parseErrorPosition(text, message));
  }
}
