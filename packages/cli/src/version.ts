import { createRequire } from 'node:module';

/** The version of `@agent-cicd/cli` (its package.json, beside `src/` and `dist/` alike). */
export function cliVersion(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}
