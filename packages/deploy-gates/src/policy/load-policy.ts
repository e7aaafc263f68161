import { AgentCicdError, type SourceLocation } from '@agent-cicd/core';
import { parseYamlSource, readTextFile } from '@agent-cicd/core/source';
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { GateErrorCode } from '../gate-errors.js';
import { type GatePolicy, GatePolicySchema } from './gate-policy-schema.js';
import { normalizeKeys, snakeToCamel } from './normalize-keys.js';

const recordFields = new Set(['suites']);

/** `suites.checkout.minPassRate`, `canary.steps[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * Finds the YAML node of a (camelCase) field path, matching snake_case spellings too. With `key`, the last
 * segment resolves to the key node spelled exactly `key` (for unknown or duplicated keys).
 */
export function locate(root: Node | null | undefined, path: readonly PropertyKey[], key?: string): Node | undefined {
  let node: Node | null | undefined = root;
  let found: Node | undefined = node ?? undefined;
  let inRecord = false;
  for (const [depth, segment] of path.entries()) {
    const last = depth === path.length - 1;
    if (!isMap(node)) {
      const item = (node as { items?: unknown[] } | null)?.items?.[Number(segment)];
      if (item === undefined) break;
      node = item as Node;
      found = node;
      inRecord = false;
      continue;
    }
    const pair = node.items.find((candidate) => {
      const written = isScalar(candidate.key) ? String(candidate.key.value) : '';
      if (last && key !== undefined) return written === key;
      return (inRecord ? written : snakeToCamel(written)) === segment;
    });
    if (!pair) break;
    if (last && key !== undefined) return (pair.key as Node | null) ?? found;
    found = (pair.key as Node | null) ?? found;
    node = pair.value as Node | null;
    if (node) found = node;
    inRecord = !inRecord && recordFields.has(String(segment));
  }
  return found;
}

export function locationOf(
  file: string,
  lines: LineCounter,
  node: Node | undefined,
  path: readonly PropertyKey[],
): SourceLocation {
  const location: SourceLocation = { file };
  const offset = node?.range?.[0];
  if (offset !== undefined) {
    const { line, col } = lines.linePos(offset);
    location.line = line;
    location.column = col;
  }
  if (path.length > 0) location.path = formatPath(path);
  return location;
}

/** The spelling the user wrote for the last segment of `path` (camel or snake). */
function rawKey(root: Node | null | undefined, path: readonly PropertyKey[]): string | undefined {
  const parent = locate(root, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const wanted = String(path.at(-1));
  const pair = parent.items.find((item) => isScalar(item.key) && snakeToCamel(String(item.key.value)) === wanted);
  return pair && isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function invalid(message: string, location: SourceLocation, cause?: unknown): AgentCicdError {
  return new AgentCicdError(GateErrorCode.policyInvalid, message, { location, cause });
}

/** One readable sentence for a zod issue. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  return issue.message;
}

/**
 * Parses and validates a gate policy from YAML (or JSON) text. Errors are `AGENT_CICD_POLICY_INVALID` with the
 * file, line, column and field path of the first problem.
 */
export function parsePolicyText(text: string, file: string): GatePolicy {
  // The guarded parser first: syntax errors, duplicate keys, depth and alias limits are located parse errors.
  const raw = parseYamlSource(text, file).value ?? {};
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const normalized = normalizeKeys(raw, recordFields);
  if ('duplicate' in normalized) {
    const { path, key } = normalized.duplicate;
    throw invalid(
      `"${key}" and "${String(path.at(-1))}" are the same field; give only one (camelCase is preferred)`,
      locationOf(file, lines, locate(doc.contents, path, key), path),
    );
  }
  const result = GatePolicySchema.safeParse(normalized.value);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const unknown = issue.code === 'unrecognized_keys' ? (issue.keys[0] as string) : undefined;
    const path = unknown === undefined ? issue.path : [...issue.path, unknown];
    const written = unknown === undefined ? undefined : rawKey(doc.contents, path);
    const node = locate(doc.contents, path, written);
    const message = written === undefined ? describeIssue(issue) : `unknown field "${written}"`;
    throw invalid(message, locationOf(file, lines, node, path), result.error);
  }
  return result.data;
}

/** Reads a gate policy file (`gates.yaml`) through core's guarded loader (size and UTF-8 checks). */
export async function loadPolicy(path: string): Promise<GatePolicy> {
  return parsePolicyText(await readTextFile(path), path);
}
