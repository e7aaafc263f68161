import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

/** Shared state a command writes its exit code into. */
export interface CliState {
  exitCode: number;
}

/** Every subcommand lives in its own file and registers itself through one of these. */
export type RegisterCommand = (program: Command, io: CliIo, state: CliState) => void;
