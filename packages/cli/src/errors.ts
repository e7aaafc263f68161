/**
 * The error catalogue of `@agent-cicd/cli`: every code the command line itself raises, with its one-line meaning
 * (the commands also print the codes of core and deploy-gates). docs/errors.md is generated from the catalogues
 * (`npm run docs:errors`).
 */
export const cliErrorCatalogue = {
  AGENT_CICD_USAGE:
    'the command line is malformed: an unknown command or option, a missing argument, or options that do not go together',
  AGENT_CICD_CLI_INVALID_OPTION:
    "a flag's value is invalid: not an integer or number in its range (every integer flag), not one of its choices",
  AGENT_CICD_CLI_LISTEN_FAILED: '`agent-cicd mock-server` cannot bind (port in use, no permission, unknown address)',
} as const satisfies Record<string, string>;

/** A code of {@link cliErrorCatalogue}. */
export type CliErrorCode = keyof typeof cliErrorCatalogue;
