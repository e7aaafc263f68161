// Checks what we publish (run after `npm run build`): publint and Are The Types Wrong on each packed package,
// the public names of each package against its api-snapshot.txt,
// each tarball's packed and unpacked size, no source maps and a LICENSE in each, and the install size of
// @agent-cicd/core with its dependencies (provider SDKs and other optional peers aside), which must stay under
// CORE_INSTALL_LIMIT.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CORE_INSTALL_LIMIT = 20 * 1024 * 1024;
const packages = ['core', 'deploy-gates', 'vitest-plugin', 'cli'];
let failed = 0;
const fail = (message) => {
  failed++;
  console.log(`FAIL ${message}`);
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

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
      fail(`${tool} @agent-cicd/${name}\n${error.stdout}${error.stderr}`);
    }
  }
}

// The public API of each package, against its committed api-snapshot.txt (scripts/api-snapshot.mjs).
try {
  console.log(execFileSync('node', ['scripts/api-snapshot.mjs', '--check'], { encoding: 'utf8' }).trimEnd());
} catch (error) {
  fail(`api snapshots\n${error.stdout}${error.stderr}`);
}

const work = mkdtempSync(join(tmpdir(), 'agent-cicd-packages-'));
try {
  const packed = JSON.parse(
    execFileSync(
      'npm',
      ['pack', '--json', '--pack-destination', work, ...packages.flatMap((n) => ['-w', `packages/${n}`])],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  for (const entry of packed) {
    const files = entry.files.map((file) => file.path);
    const maps = files.filter((file) => file.endsWith('.map'));
    const problems = [
      ...(maps.length > 0 ? [`${maps.length} source maps (e.g. ${maps[0]})`] : []),
      ...(files.includes('LICENSE') ? [] : ['no LICENSE']),
    ];
    const line = `${entry.name} tarball ${mb(entry.size)} packed, ${mb(entry.unpackedSize)} unpacked, ${files.length} files`;
    if (problems.length > 0) fail(`${line}: ${problems.join('; ')}`);
    else console.log(`ok   ${line}`);
  }

  // A user's `npm i @agent-cicd/core`: the tarball and its dependencies, no optional peers.
  const core = packed.find((entry) => entry.name === '@agent-cicd/core');
  const install = join(work, 'install');
  mkdirSync(install, { recursive: true });
  writeFileSync(join(install, 'package.json'), '{ "private": true }\n');
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, core.filename)],
    { cwd: install, stdio: 'pipe' },
  );
  const size = duBytes(join(install, 'node_modules'));
  const line = `@agent-cicd/core install ${mb(size)} with its dependencies (limit ${mb(CORE_INSTALL_LIMIT)})`;
  if (size > CORE_INSTALL_LIMIT) fail(line);
  else console.log(`ok   ${line}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Bytes of all files under `dir` (apparent size, like `du -sb`). */
function duBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += duBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}
process.exit(failed ? 1 : 0);
