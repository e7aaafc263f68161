import { z } from 'zod';

const snakeToCamel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Accepts snake_case spellings of an object's own keys (the house key convention: camelCase canonical,
 * snake_case an alias on input); giving both spellings of one key is an error. Only this object's keys are
 * renamed, never nested free-form data such as tool-call arguments.
 */
export function withSnakeAliases<T extends z.ZodType>(schema: T): T {
  // Typed as the inner schema: the renaming is invisible to callers, who write camelCase in TypeScript.
  return z.preprocess((value, ctx) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof RegExp) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const camel = snakeToCamel(key);
      if (camel !== key && camel in (value as Record<string, unknown>)) {
        ctx.addIssue({ code: 'custom', message: `give either "${camel}" or "${key}", not both`, path: [key] });
        continue;
      }
      out[camel] = item;
    }
    return out;
  }, schema) as unknown as T;
}
