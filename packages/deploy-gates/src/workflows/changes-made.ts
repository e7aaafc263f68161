import type { RecordedCommand } from '../exec/command-runner.js';

const readOnly = (argv: readonly string[]): boolean => {
  const args = argv
    .slice(1)
    .filter((arg, i, all) => !['-n', '--context'].includes(arg) && !['-n', '--context'].includes(all[i - 1] ?? ''));
  const [verb, sub] = args;
  if (verb === 'get' || verb === 'version' || verb === 'kustomize') return true;
  if (verb === 'rollout' && sub === 'status') return true;
  return argv[0]?.endsWith('docker') === true && verb === 'image' && sub === 'inspect';
};

/** Whether a kubectl/docker command can change the cluster or the registry (everything but reads and waits). */
export const isMutating = (command: Pick<RecordedCommand, 'argv'>): boolean => !readOnly(command.argv);

/**
 * The changes a run made, for the "failed part-way" report: every mutating command that ran (`ok`), and the
 * one that failed (it may have taken effect, e.g. a timed-out apply).
 */
export function changesMade(commands: readonly RecordedCommand[]): string[] {
  return commands
    .filter((command) => !command.dryRun && command.status !== undefined && isMutating(command))
    .map((command) => (command.status === 'ok' ? command.line : `${command.line}   (failed; may have taken effect)`));
}
