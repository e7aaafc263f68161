/** Known credential formats; a match is a `high` finding. */
export const secretFormats: ReadonlyArray<{ rule: string; pattern: RegExp; what: string }> = [
  { rule: 'secret.anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, what: 'an Anthropic API key' },
  {
    rule: 'secret.openai-key',
    pattern: /\bsk-(?:proj-|live-|svcacct-)?[A-Za-z0-9_-]{20,}/g,
    what: 'an OpenAI-style API key',
  },
  { rule: 'secret.aws-access-key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, what: 'an AWS access key id' },
  {
    rule: 'secret.github-token',
    pattern: /\b(?:ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{20,}/g,
    what: 'a GitHub token',
  },
  { rule: 'secret.slack-token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, what: 'a Slack token' },
  { rule: 'secret.google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, what: 'a Google API key' },
  { rule: 'secret.stripe-key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}/g, what: 'a Stripe live key' },
  {
    rule: 'secret.private-key',
    pattern: /-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/g,
    what: 'a private key',
  },
];

/** `key: value` / `KEY=value` / `"key": "value"` where the key names a credential. */
export const credentialAssignment =
  /\b([A-Za-z0-9_.-]*(?:api[_-]?key|secret|token|password|passwd|credential)[A-Za-z0-9_]*)["']?\s*[:=]\s*["']?([A-Za-z0-9+/=_.~-]{16,})/gi;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** A value too random to be a word or a placeholder: long, mixed, high entropy. */
export function looksRandom(value: string): boolean {
  if (/^\$\{?[A-Z_][A-Z0-9_]*\}?$/.test(value) || /^(x+|\*+|changeme|redacted|example)$/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(value)).length;
  return value.length >= 20 && classes >= 2 && shannonEntropy(value) >= 3.5;
}

/** How a finding shows a secret: its first 4 characters and its length, never the value. */
export const shape = (value: string): string => `${value.slice(0, 4)}… (${value.length} chars)`;
