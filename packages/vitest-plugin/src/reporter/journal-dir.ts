import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | undefined;

/**
 * The directory this Vitest process's workers append finished cases to (one per process, shared by every project
 * using the plugin), so parallel runs and shards never mix. Workers create it on their first case; the reporter
 * removes it after each run.
 */
export function journalDir(): string {
  dir ??= join(tmpdir(), `agent-cicd-vitest-${process.pid}-${randomUUID()}`);
  return dir;
}
