/** A deep copy with object keys sorted and `undefined` members dropped: the shape we hash and write. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeysDeep(item))) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortKeysDeep(item);
    }
    return out as T;
  }
  return value;
}

/** Compact JSON with sorted keys: equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}
