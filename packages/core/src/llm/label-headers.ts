/** Prefix of the request headers that carry a call's labels (`caseId` → `x-agent-cicd-case-id`). */
export const LABEL_HEADER_PREFIX = 'x-agent-cicd-';

/**
 * A request's labels (`caseId`, `trial`, `promptVersion`, `purpose`, …) as `x-agent-cicd-*` headers, so a mock
 * server, proxy or recorder on the other side of HTTP sees what an in-process mock sees. Names are kebab-cased;
 * values are percent-encoded (header values must be ASCII), see `readLabelHeaders`.
 */
export function labelHeaders(metadata: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/[^a-z0-9-]/g, '-');
    headers[`${LABEL_HEADER_PREFIX}${name}`] = encodeURIComponent(value);
  }
  return headers;
}

/** The labels of `x-agent-cicd-*` headers (lower-case names, as Node gives them), camel-cased and decoded. */
export function readLabelHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const labels: Record<string, string> = {};
  // A plain loop over the names: the mock server calls this on every request.
  for (const name in headers) {
    if (!name.startsWith(LABEL_HEADER_PREFIX)) continue;
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    const key = name.slice(LABEL_HEADER_PREFIX.length).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (!key) continue;
    labels[key] = value.includes('%') ? decode(value) : value;
  }
  return labels;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
