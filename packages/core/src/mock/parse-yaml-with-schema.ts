import type { z } from 'zod';
import { AgentCicdError } from '../errors.js';
import { parseYamlSource } from '../source/parse-yaml-source.js';
import { readTextFile } from '../source/read-text-file.js';
import { formatPath } from '../source/source-document.js';
import { toUserPath } from '../source/validate-source.js';

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

/**
 * Parses YAML text (through the guarded source parser: depth and alias limits) and validates it with `schema`.
 * A syntax error is `AGENT_CICD_PARSE_ERROR`; a schema error is one `AgentCicdError` with `code`, `file:line:col`
 * and the field path of the first problem.
 */
export function parseYamlWithSchema<T extends z.ZodType>(
  text: string,
  file: string,
  schema: T,
  code: string,
): z.output<T> {
  const doc = parseYamlSource(text, file);
  const result = schema.safeParse(doc.value);
  if (result.success) return result.data;
  const { message, path } = primaryIssue(result.error.issues as IssueLike[]);
  const userPath = toUserPath(doc.value, path).path;
  throw new AgentCicdError(code, message, {
    location: { file, ...doc.locate(userPath), path: formatPath(userPath) || undefined },
  });
}

/** Reads a YAML/JSON file through the guarded loader and validates it; see {@link parseYamlWithSchema}. */
export async function loadYamlWithSchema<T extends z.ZodType>(
  path: string,
  schema: T,
  code: string,
): Promise<z.output<T>> {
  return parseYamlWithSchema(await readTextFile(path), path, schema, code);
}
