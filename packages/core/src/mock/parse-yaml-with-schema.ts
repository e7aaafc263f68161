import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AgentCicdError } from '../errors.js';

const camelToSnake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Renders a zod issue path as `rules[2].respond.toolCalls[0].name`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : `${out ? '.' : ''}${String(segment)}`;
  }
  return out;
}

interface IssueLike {
  code?: string;
  message: string;
  path: PropertyKey[];
  errors?: IssueLike[][];
}

/**
 * The issue to show a user: inside a union ("Invalid input"), the branch that got furthest, so a mistake deep
 * in an object is reported there rather than as "expected string" at the union.
 */
export function primaryIssue(issues: readonly IssueLike[]): { message: string; path: PropertyKey[] } {
  const issue = issues[0];
  if (!issue) return { message: 'invalid input', path: [] };
  if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
    const depth = (branch: IssueLike[]): number =>
      branch[0]
        ? branch[0].path.length + (branch[0].code === 'invalid_type' && branch[0].path.length === 0 ? -1 : 0)
        : -2;
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
    if (depth(best) >= 0) {
      const inner = primaryIssue(best);
      return { message: inner.message, path: [...issue.path, ...inner.path] };
    }
  }
  return { message: issue.message, path: issue.path };
}

/** The deepest YAML node along `path` (a camelCase path also finds a snake_case key). */
function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const key = (item.key as { value?: unknown } | null)?.value ?? item.key;
        return key === segment || (typeof segment === 'string' && key === camelToSnake(segment));
      });
      next = pair?.value ?? pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (!next || typeof next !== 'object' || !('range' in next)) break;
    node = next as Node;
  }
  return node;
}

/**
 * Parses YAML text and validates it with `schema`. Syntax and schema errors become one `AgentCicdError`
 * with `file:line:col` and the field path of the first problem.
 */
export function parseYamlWithSchema<T extends z.ZodType>(
  text: string,
  file: string,
  schema: T,
  code: string,
): z.output<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new AgentCicdError(code, `invalid YAML: ${syntax.message.split('\n')[0]}`, {
      location: { file, line: pos.line, column: pos.col },
    });
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const { message, path } = primaryIssue(result.error.issues as IssueLike[]);
  const node = nodeAt(doc.contents, path);
  const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
  throw new AgentCicdError(code, message, {
    location: { file, line: pos?.line, column: pos?.col, path: formatIssuePath(path) || undefined },
  });
}
