// Checks what we publish: publint and Are The Types Wrong on each packed package (run after `npm run build`).
import { execFileSync } from 'node:child_process';

const packages = ['core', 'deploy-gates', 'vitest-plugin', 'cli'];
let failed = 0;
for (const name of packages) {
  const dir = `packages/${name}`;
  for (const [tool, args] of [
    ['publint', ['publint', dir, '--strict']],
    ['attw', ['attw', '--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('npx', ['--no-install', ...args], { stdio: 'pipe' });
      console.log(`ok   ${tool} @agent-cicd/${name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${tool} @agent-cicd/${name}\n${error.stdout}${error.stderr}`);
    }
  }
}
process.exit(failed ? 1 : 0);
