import { z } from 'zod';

/** `expectedTools` → `expected_tools`. */
export function toSnakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Objects wrapped by {@link withSnakeCaseAliases}, with their snake → camel map (used to map paths back and to emit JSON Schemas). */
const aliasedObjects = new WeakMap<object, ReadonlyMap<string, string>>();

/** The snake_case → camelCase key map of a schema wrapped by {@link withSnakeCaseAliases}, if it is one. */
export function snakeCaseAliasesOf(schema: object): ReadonlyMap<string, string> | undefined {
  return aliasedObjects.get(schema);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Accepts the snake_case spelling of every camelCase key of `schema` (the seed's format) and normalises it to
 * camelCase before validation. Giving both spellings of one key is an error. TypeScript sees camelCase only.
 */
export function withSnakeCaseAliases<T extends z.ZodObject>(schema: T): z.ZodPreprocess<T, z.input<T>> {
  const aliases = new Map<string, string>();
  for (const key of Object.keys(schema.shape)) {
    const snake = toSnakeCase(key);
    if (snake !== key) aliases.set(snake, key);
  }
  aliasedObjects.set(schema, aliases);
  return z.preprocess<unknown, T, z.input<T>>((input, ctx) => {
    if (!isPlainObject(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      const camel = aliases.get(key);
      if (camel === undefined) {
        out[key] = value;
      } else if (Object.hasOwn(input, camel)) {
        ctx.addIssue({
          code: 'custom',
          message: `both "${key}" and "${camel}" are given; use one spelling`,
          path: [key],
          params: { at: 'key' },
          input,
        });
      } else {
        out[camel] = value;
      }
    }
    return out;
  }, schema);
}
