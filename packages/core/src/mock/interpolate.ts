/** Values available to `{{placeholders}}` in mock answers. */
export interface InterpolationContext {
  input: string;
  system: string;
  turn: number;
  promptVersion: string;
  toolResult: string;
  match: readonly (string | undefined)[];
  metadata: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;
const SIMPLE = new Set(['input', 'system', 'turn', 'promptVersion', 'toolResult']);

const known = (name: string): boolean =>
  SIMPLE.has(name) || /^match\.\d+$/.test(name) || /^metadata\.[\w-]+$/.test(name);

/** Names an unknown placeholder in `text`, or returns undefined when all are known. */
export function placeholderError(text: string): string | undefined {
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (name && !known(name)) {
      return `unknown placeholder {{${name}}} (known: input, system, turn, promptVersion, toolResult, match.N, metadata.KEY)`;
    }
  }
  return undefined;
}

/** Replaces `{{name}}` placeholders (no Handlebars: no helpers, no escaping). Missing values become ''. */
export function interpolate(text: string, context: InterpolationContext): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_, name: string) => {
    if (name.startsWith('match.')) return context.match[Number(name.slice(6))] ?? '';
    if (name.startsWith('metadata.')) return context.metadata[name.slice(9)] ?? '';
    const value = context[name as 'input' | 'system' | 'turn' | 'promptVersion' | 'toolResult'];
    return value === undefined ? '' : String(value);
  });
}

/** Interpolates every string inside a JSON-like value (tool-call arguments). */
export function interpolateDeep(value: unknown, context: InterpolationContext): unknown {
  if (typeof value === 'string') return interpolate(value, context);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, context)]));
  }
  return value;
}
