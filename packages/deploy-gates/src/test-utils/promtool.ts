import { execaExec } from '../exec/exec.js';

/**
 * Whether `promtool` can run. CI installs Debian's `prometheus` package, so it must be there when `CI` is set;
 * elsewhere the promtool tests are skipped (with this reason) rather than failing on a missing system tool.
 */
export async function promtoolAvailable(): Promise<boolean> {
  const result = await execaExec('promtool', ['--version'], { timeoutMs: 10_000 });
  return result.exitCode === 0;
}
