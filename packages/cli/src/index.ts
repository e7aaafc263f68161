export type { CliIo } from './cli-io.js';
export { ExitCode } from './exit-code.js';
export { createProgram, main } from './main.js';
