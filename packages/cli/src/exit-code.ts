/** Stable process exit codes of the `agent-cicd` command. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  invalidInput: 2,
  hold: 3,
} as const;
