/**
 * Keyword and value matching shared by the case checks and the mock tools.
 * A pattern written `/…/flags` is a regular expression; anything else is a plain substring, matched
 * case-insensitively unless `caseSensitive` is set.
 */
export interface TextPattern {
  source: string;
  test(text: string): boolean;
}

const regexLiteral = /^\/(.+)\/([dgimsuvy]*)$/s;

/** Parses `/regex/flags` or a plain string into a matcher. Throws `SyntaxError` for an invalid regex. */
export function parseTextPattern(pattern: string, options: { caseSensitive?: boolean } = {}): TextPattern {
  const literal = regexLiteral.exec(pattern);
  if (literal) {
    // `g`/`y` make `test` stateful; they mean nothing for a yes/no match.
    const flags = (literal[2] ?? '').replace(/[gy]/g, '');
    const regex = new RegExp(literal[1] ?? '', flags);
    return { source: pattern, test: (text) => regex.test(text) };
  }
  if (options.caseSensitive) return { source: pattern, test: (text) => text.includes(pattern) };
  const needle = pattern.toLowerCase();
  return { source: pattern, test: (text) => text.toLowerCase().includes(needle) };
}

/** True when `pattern` is written as a `/regex/`. */
export function isRegexLiteral(pattern: string): boolean {
  return regexLiteral.test(pattern);
}
