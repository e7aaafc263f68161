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

/** A command as a shell would run it, with its stdin (if any) as a quoted here-document. */
export function formatCommand(command: { argv: readonly string[]; input?: string | undefined }): string {
  const line = shellQuote(command.argv);
  if (command.input === undefined) return line;
  const body = command.input.endsWith('\n') ? command.input : `${command.input}\n`;
  return `${line} <<'AGENT_CICD_EOF'\n${body}AGENT_CICD_EOF`;
}
