import type { z } from 'zod';
import { AgentCicdError, InvalidFileError } from '../errors.js';
import { toSnakeCase } from '../schema/snake-case-aliases.js';
import { closestMatch } from './closest-match.js';
import { formatPath, type PathSegment, type SourceDocument } from './source-document.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Whether an object is written in the seed's snake_case style (so missing keys are named that way too). */
function usesSnakeCase(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((key) => key.includes('_'));
}

/**
 * Maps a schema path (camelCase keys) back to the spelling the user wrote, walking the raw data.
 * Returns the path, the raw value there (undefined when missing) and its parent.
 */
export function toUserPath(
  raw: unknown,
  path: readonly PropertyKey[],
): { path: PathSegment[]; value: unknown; parent: unknown } {
  const out: PathSegment[] = [];
  let current = raw;
  let parent: unknown;
  for (const segment of path) {
    parent = current;
    if (typeof segment === 'number') {
      out.push(segment);
      current = Array.isArray(current) ? current[segment] : undefined;
      continue;
    }
    let key = String(segment);
    if (isPlainObject(current)) {
      const snake = toSnakeCase(key);
      if (!Object.hasOwn(current, key) && (Object.hasOwn(current, snake) || usesSnakeCase(current))) key = snake;
      current = Object.hasOwn(current, key) ? current[key] : undefined;
    } else {
      current = undefined;
    }
    out.push(key);
  }
  return { path: out, value: current, parent };
}

function cleanMessage(message: string): string {
  return message
    .replace(/^(Invalid input|Invalid option|Too small|Too big|Invalid string): /, '')
    .replace(/, received /, ', got ');
}

interface SchemaDef {
  type: string;
  in?: SchemaLike;
  out?: SchemaLike;
  innerType?: SchemaLike;
  element?: SchemaLike;
  valueType?: SchemaLike;
  options?: SchemaLike[];
  shape?: Record<string, SchemaLike>;
}
interface SchemaLike {
  _zod: { def: SchemaDef };
}

/** The object schemas that may sit at `path` (unwrapping pipes, optionals, arrays, unions), for key suggestions. */
function objectsAt(schema: SchemaLike, path: readonly PropertyKey[]): SchemaDef[] {
  const def = schema._zod.def;
  if (def.type === 'pipe') {
    const inner = def.in?._zod.def.type === 'transform' ? def.out : def.in;
    return inner ? objectsAt(inner, path) : [];
  }
  if (def.innerType) return objectsAt(def.innerType, path);
  if (def.type === 'union') return (def.options ?? []).flatMap((option) => objectsAt(option, path));
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'array' && def.element) return objectsAt(def.element, rest);
  if (def.type === 'record' && def.valueType) return objectsAt(def.valueType, rest);
  const field = def.type === 'object' ? def.shape?.[String(head)] : undefined;
  return field ? objectsAt(field, rest) : [];
}

function knownKeys(schema: SchemaLike, path: readonly PropertyKey[]): string[] {
  return objectsAt(schema, path).flatMap((def) => Object.keys(def.shape ?? {}));
}

function issueToErrors(issue: z.core.$ZodIssue, doc: SourceDocument, code: string, root: SchemaLike): AgentCicdError[] {
  const at = toUserPath(doc.value, issue.path);
  // A refinement may name its own code (e.g. a path outside the project root), else the file's code.
  const own = (issue as { params?: { code?: unknown } }).params?.code;
  const make = (path: PathSegment[], message: string, where: 'key' | 'value'): AgentCicdError =>
    new AgentCicdError(typeof own === 'string' ? own : code, message, {
      location: { file: doc.file, ...doc.locate(path, where), path: formatPath(path) || undefined },
    });
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(root, issue.path);
    return issue.keys.map((key) => {
      const match = closestMatch(key, known);
      const suggestion = match && key.includes('_') ? toSnakeCase(match) : match;
      return make([...at.path, key], `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, 'key');
    });
  }
  if (issue.code === 'invalid_type') {
    const missing = at.value === undefined && isPlainObject(at.parent);
    return [
      make(
        at.path,
        missing ? 'required field is missing' : `expected ${issue.expected}, got ${typeName(at.value)}`,
        'value',
      ),
    ];
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((value) => JSON.stringify(value)).join(', ');
    return [make(at.path, `expected one of ${options}, got ${JSON.stringify(at.value) ?? 'nothing'}`, 'value')];
  }
  const where =
    issue.code === 'custom' && (issue.params as { at?: string } | undefined)?.at === 'key' ? 'key' : 'value';
  return [make(at.path, cleanMessage(issue.message), where)];
}

/**
 * Validates parsed data against a schema. Every problem becomes an `AgentCicdError` with `code`, naming the file,
 * line, column and the field path in the user's spelling; they are thrown together as an `InvalidFileError`.
 */
export function validateSource<T extends z.ZodType>(doc: SourceDocument, schema: T, code: string): z.output<T> {
  const result = schema.safeParse(doc.value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .flatMap((issue) => issueToErrors(issue, doc, code, schema as unknown as SchemaLike))
    .sort(
      (a, b) =>
        (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
    );
  const [first, ...rest] = problems;
  if (!first) throw new AgentCicdError(code, 'invalid input', { location: { file: doc.file } });
  throw new InvalidFileError([first, ...rest]);
}
