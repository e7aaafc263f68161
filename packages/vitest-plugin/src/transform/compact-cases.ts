/**
 * Values every parsed case carries when the file did not set them (core's `applyCaseDefaults`). The generated
 * module leaves them out and the runtime puts them back: a 10,000-case suite's module shrinks from 2.7 to 1.5 MB,
 * and so does what Vite and the worker do with it. Only a key whose value equals the one here is left out, so the
 * round trip is exact whatever core's defaults are.
 */
const builtIn: Record<string, unknown> = {
  expectedTools: [],
  expectedResponseKeywords: [],
  forbiddenTools: [],
  forbiddenKeywords: [],
  tags: [],
  vars: {},
  toolOrder: 'any',
  judgeThreshold: 0.7,
  trials: 1,
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The case without the fields that hold their built-in value. */
export function compactCase<T extends object>(testCase: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(testCase)) {
    if (!(key in builtIn && same(value, builtIn[key]))) out[key] = value;
  }
  return out as Partial<T>;
}

/** The case as parsed: the fields `compactCase` left out, back with their built-in value. */
export function expandCase<T extends object>(compact: Partial<T>): T {
  const out: Record<string, unknown> = { ...compact };
  for (const [key, value] of Object.entries(builtIn)) {
    if (!(key in out)) out[key] = structuredClone(value);
  }
  return out as T;
}
