/** A compiled matcher: `/regex/flags` strings and RegExp objects match as regexes, other strings as substrings. */
export type TextMatcher = (text: string) => RegExpExecArray | string[] | undefined;

const REGEX_LITERAL = /^\/(.+)\/([dgimsuvy]*)$/s;

/** Returns the error message of an invalid `/regex/`, or undefined when the pattern compiles (or is a substring). */
export function regexError(pattern: string): string | undefined {
  const literal = REGEX_LITERAL.exec(pattern);
  if (!literal) return undefined;
  try {
    new RegExp(literal[1] ?? '', literal[2]);
    return undefined;
  } catch (error) {
    return `invalid regular expression ${pattern}: ${(error as Error).message}`;
  }
}

/** Compiles a pattern; a match returns the capture groups (`[whole, ...groups]`). */
export function compileTextMatcher(pattern: string | RegExp): TextMatcher {
  const literal = typeof pattern === 'string' ? REGEX_LITERAL.exec(pattern) : null;
  const regex = pattern instanceof RegExp ? pattern : literal ? new RegExp(literal[1] ?? '', literal[2]) : undefined;
  if (regex) {
    // Stateful flags (g, y) would make repeated matches depend on the previous call.
    const stateless = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
    return (text) => stateless.exec(text) ?? undefined;
  }
  const needle = pattern as string;
  return (text) => (text.includes(needle) ? [needle] : undefined);
}
