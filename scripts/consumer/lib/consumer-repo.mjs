// A user's repository outside the monorepo: created under the OS temp dir with the packed tarballs installed
// (hard-linked from one shared install), no workspace links, no `@agent-cicd/source` condition.
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The environment every consumer command runs with: no loader, no source condition, no keys, no CI summary. */
export function consumerEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(NODE_OPTIONS|AGENT_CICD_|DEPLOYMENT_ENV$|OPENAI_|ANTHROPIC_|GITHUB_STEP_SUMMARY$|VITEST|npm_)/.test(name)) {
      delete env[name];
    }
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

/** A failed expectation of a scenario: the message plus the command's output. */
export class ScenarioFailure extends Error {}

/**
 * Runs `command args` in `cwd`; resolves `{ code, stdout, stderr, output }`. `expect` is the exit code wanted
 * (default 0; `null` accepts any): another code throws a ScenarioFailure with the command's output.
 */
export function exec(command, args, { cwd, env = {}, expect = 0, input, timeout = 300_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: consumerEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, stdout, stderr, output: `${stdout}${stderr}` };
      if (expect !== null && result.code !== expect) {
        const tail = result.output.split('\n').slice(-40).join('\n');
        reject(
          new ScenarioFailure(
            `\`${[command, ...args].join(' ')}\` in ${cwd} exited ${signal ?? result.code}, expected ${expect}\n${tail}`,
          ),
        );
        return;
      }
      resolvePromise(result);
    });
    // A command that exits without reading its stdin closes the pipe: that is not a failure of the command.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** Asserts `condition`, else fails the scenario with `message`. */
export function check(condition, message) {
  if (!condition) throw new ScenarioFailure(message);
}

/** Asserts that `text` matches `pattern` (a string or RegExp); `what` names the text in the failure. */
export function checkMatch(text, pattern, what) {
  const ok = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
  if (!ok) throw new ScenarioFailure(`${what} does not match ${pattern}:\n${text.split('\n').slice(-40).join('\n')}`);
}

export async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** One consumer repository: a directory with helpers bound to it. */
export class ConsumerRepo {
  constructor(dir) {
    this.dir = dir;
  }
  path(...parts) {
    return join(this.dir, ...parts);
  }
  /** Writes files: `{ 'relative/path': text }`. */
  async write(files) {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(dirname(this.path(file)), { recursive: true });
      await writeFile(this.path(file), text);
    }
  }
  read(file) {
    return readFile(this.path(file), 'utf8');
  }
  exists(file) {
    return exists(this.path(file));
  }
  /** Copies a file or directory into the repository. */
  copy(from, to = '.') {
    return cp(from, this.path(to), { recursive: true });
  }
  /** Runs a command in the repository (see `exec`). */
  exec(command, args = [], options = {}) {
    return exec(command, args, { cwd: this.dir, ...options });
  }
  /** `npx --no-install <args>`: the installed packages' bins, as a user runs them. */
  npx(args, options = {}) {
    return this.exec('npx', ['--no-install', ...args], options);
  }
}
