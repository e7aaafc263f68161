/**
 * A JSONPath subset for checks: `$` followed by `.key`, `['key']` / `["key"]`, `[index]` (negative counts from
 * the end) and `[*]` / `.*` (every element). Returns every value the path reaches (none when it reaches
 * nothing). Throws `SyntaxError` for a path outside the subset, so a typo is reported, not silently unmatched.
 */
type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' };

export function parseJsonPath(path: string): Step[] {
  if (!path.startsWith('$')) throw new SyntaxError(`a JSONPath starts with $: ${path}`);
  const steps: Step[] = [];
  const token =
    /\.([A-Za-z_$][\w$-]*)|\.\*|\[\s*(-?\d+)\s*\]|\[\s*\*\s*\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]/y;
  token.lastIndex = 1;
  while (token.lastIndex < path.length) {
    const at = token.lastIndex;
    const match = token.exec(path);
    if (!match) throw new SyntaxError(`unsupported JSONPath at character ${at + 1}: ${path}`);
    if (match[1] !== undefined) steps.push({ kind: 'key', key: match[1] });
    else if (match[2] !== undefined) steps.push({ kind: 'index', index: Number(match[2]) });
    else if (match[3] !== undefined) steps.push({ kind: 'key', key: match[3].replace(/\\(.)/g, '$1') });
    else if (match[4] !== undefined) steps.push({ kind: 'key', key: match[4].replace(/\\(.)/g, '$1') });
    else steps.push({ kind: 'all' });
  }
  return steps;
}

export function queryJsonPath(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const step of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.kind === 'all') {
        if (Array.isArray(node)) next.push(...node);
        else if (isObject(node)) next.push(...Object.values(node));
      } else if (step.kind === 'index') {
        if (Array.isArray(node)) {
          const index = step.index < 0 ? node.length + step.index : step.index;
          if (index >= 0 && index < node.length) next.push(node[index]);
        }
      } else if (isObject(node) && Object.hasOwn(node, step.key)) {
        next.push(node[step.key]);
      }
    }
    current = next;
  }
  return current;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
