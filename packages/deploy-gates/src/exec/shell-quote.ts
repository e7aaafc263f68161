const safe = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell (only for display: commands never go through a shell). */
export function shellQuoteArg(arg: string): string {
  if (arg.length > 0 && safe.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'"'"'`)}'`;
}

/** Renders an argv array as one copy-pasteable, shell-quoted line. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(shellQuoteArg).join(' ');
}
