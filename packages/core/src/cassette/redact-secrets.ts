/** Replacement text of every redacted secret. */
export const REDACTED = '[REDACTED]';

// Token shapes that must never be written: OpenAI/Anthropic keys (sk-…, sk-proj-…, sk-ant-…, sk-live-…),
// bearer tokens, GitHub, Slack, Google and AWS access keys.
const TOKEN_PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{6,}/g, REDACTED],
  [/\b(?:ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{10,}/g, REDACTED],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{30,}/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
];

// Object keys whose values are credentials whatever they look like (headers and config fields).
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|openai-api-key|anthropic-api-key)$|(^|[_-])(api[_-]?key|apikey|secret|password|passwd)$|^(apiKey|secret|password|clientSecret|accessToken|refreshToken)$/i;

export interface RedactOptions {
  /** Exact secret values (e.g. API keys from config or the environment) to remove wherever they appear. */
  secrets?: readonly string[];
  /** Extra patterns to remove. */
  redact?: readonly (string | RegExp)[];
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds a function that redacts secrets anywhere in a JSON-like value (strings, and values under credential keys). */
export function createRedactor(options: RedactOptions = {}): <T>(value: T) => T {
  const patterns: Array<[RegExp, string]> = [...TOKEN_PATTERNS];
  // Longest first, so a secret that contains another is removed whole.
  const literals = [...(options.secrets ?? [])].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  if (literals.length > 0) patterns.unshift([new RegExp(literals.map(escapeRegex).join('|'), 'g'), REDACTED]);
  for (const extra of options.redact ?? []) {
    const pattern =
      typeof extra === 'string'
        ? new RegExp(escapeRegex(extra), 'g')
        : new RegExp(extra.source, extra.flags.includes('g') ? extra.flags : `${extra.flags}g`);
    patterns.push([pattern, REDACTED]);
  }
  const redactString = (text: string): string => {
    let out = text;
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        out[redactString(key)] =
          SECRET_KEY.test(key) && item !== null && item !== undefined && item !== '' ? REDACTED : walk(item);
      }
      return out;
    }
    return value;
  };
  return <T>(value: T): T => walk(value) as T;
}
