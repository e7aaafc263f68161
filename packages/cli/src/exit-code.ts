/** Stable process exit codes of the `agent-cicd` command. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  invalidInput: 2,
  hold: 3,
  /** deploy/rollback: the cluster or docker failed part-way; the output lists what changed and how to recover. */
  partialChange: 4,
} as const;
