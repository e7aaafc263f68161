/** `min_pass_rate` → `minPassRate`; keys without `_` are returned unchanged. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());
}

/** A key given in both spellings (`minPassRate` and `min_pass_rate`) in one object. */
export interface DuplicateKey {
  path: (string | number)[];
  key: string;
}

/**
 * Renames snake_case keys to camelCase, recursively, leaving the keys of the record fields named in
 * `recordFields` (user-chosen names such as suite names) as they are. Reports the first key given in both
 * spellings instead of silently picking one.
 */
export function normalizeKeys(
  value: unknown,
  recordFields: ReadonlySet<string>,
  path: (string | number)[] = [],
  isRecord = false,
): { value: unknown } | { duplicate: DuplicateKey } {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [index, item] of value.entries()) {
      const result = normalizeKeys(item, recordFields, [...path, index]);
      if ('duplicate' in result) return result;
      out.push(result.value);
    }
    return { value: out };
  }
  if (value === null || typeof value !== 'object') return { value };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = isRecord ? key : snakeToCamel(key);
    if (Object.hasOwn(out, name)) return { duplicate: { path: [...path, name], key } };
    const result = normalizeKeys(item, recordFields, [...path, name], !isRecord && recordFields.has(name));
    if ('duplicate' in result) return result;
    out[name] = result.value;
  }
  return { value: out };
}
