/** Every JSON path where `a` and `b` differ (leaves only), e.g. `spec.template.spec.containers.0.image`. */
export function diffPaths(a: unknown, b: unknown, path: string[] = []): string[] {
  if (a === b) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return [path.join('.')];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) => diffPaths(a[key], b[key], [...path, key]));
}

/** The object as a user would compare it: without status and the fields the (fake) API server writes. */
export function userView(object: unknown): Record<string, unknown> {
  const copy = structuredClone(object) as Record<string, unknown> & { metadata?: Record<string, unknown> };
  delete copy.status;
  delete copy._history;
  if (copy.metadata) delete copy.metadata.generation;
  return copy;
}
