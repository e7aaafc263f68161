export type { CliIo } from './main.js';
export { createProgram, ExitCode, main } from './main.js';
