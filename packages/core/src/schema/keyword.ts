/** A response keyword: plain text (matched case-insensitively by the evaluator) or a regular expression. */
export type Keyword = { kind: 'text'; text: string } | { kind: 'regex'; source: string; regex: RegExp };

const regexLiteral = /^\/(.+)\/([dgimsuvy]*)$/s;

/**
 * Reads a keyword entry: `/pattern/flags` is a regular expression, anything else is literal text.
 * Throws a `SyntaxError` for an invalid regular expression (loaders report it at load time).
 */
export function parseKeyword(entry: string): Keyword {
  const match = regexLiteral.exec(entry);
  if (!match) return { kind: 'text', text: entry };
  return { kind: 'regex', source: entry, regex: new RegExp(match[1] as string, match[2]) };
}
