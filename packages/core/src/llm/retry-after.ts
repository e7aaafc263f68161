/** Headers as the SDKs expose them (`Headers`) or as a plain record. */
export type HeadersLike = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof headers.get === 'function')
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` first (OpenAI, Anthropic), then
 * `retry-after` as seconds or as an HTTP date (relative to `now`). Undefined when absent or unparseable.
 */
export function parseRetryAfter(headers: HeadersLike | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The `x-should-retry` header both SDKs honour: `true`/`false`, or undefined when absent. */
export function parseShouldRetry(headers: HeadersLike | undefined): boolean | undefined {
  const value = headers ? header(headers, 'x-should-retry') : undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
