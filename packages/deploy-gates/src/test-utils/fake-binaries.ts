import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One recorded call of a fake binary. */
export interface FakeCall {
  tool: 'kubectl' | 'docker';
  argv: string[];
  stdin?: string;
}

/** A failure the fake returns for the first call whose `tool argv…` line contains `match`. */
export interface FakeFailure {
  tool: 'kubectl' | 'docker';
  match: string;
  exitCode?: number;
  stderr?: string;
  /** Remove after the first hit. */
  once?: boolean;
  /** Sleep before failing (to exercise process timeouts). */
  sleepMs?: number;
}

export interface FakeState {
  objects: Record<string, Record<string, unknown> & { metadata: { name: string } }>;
  images: Record<string, unknown>;
  failures: FakeFailure[];
}

export interface FakeBinaries {
  dir: string;
  /** Environment for the process under test: PATH starts with the fakes' directory. */
  env: Record<string, string>;
  calls(): Promise<FakeCall[]>;
  /** The calls as shell-like lines without `--context`/`-n` (for readable sequence assertions). */
  lines(): Promise<string[]>;
  state(): Promise<FakeState>;
  setState(state: Partial<FakeState>): Promise<void>;
  fail(failure: FakeFailure): Promise<void>;
  clearCalls(): Promise<void>;
  cleanup(): Promise<void>;
}

const here = fileURLToPath(new URL('.', import.meta.url));

/** Installs fake `kubectl` and `docker` (node scripts) in a temp dir; point PATH (or `binary`) at it. */
export async function installFakeBinaries(): Promise<FakeBinaries> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-fakes-'));
  const logFile = join(dir, 'calls.jsonl');
  const stateFile = join(dir, 'state.json');
  await writeFile(logFile, '');
  await writeFile(stateFile, JSON.stringify({ objects: {}, images: {}, failures: [] }));
  for (const tool of ['kubectl', 'docker']) {
    const target = join(here, `fake-${tool}.cjs`);
    await writeFile(join(dir, tool), `#!/usr/bin/env node\nrequire(${JSON.stringify(target)});\n`);
    await chmod(join(dir, tool), 0o755);
  }
  const env = {
    PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    FAKE_LOG_FILE: logFile,
    FAKE_STATE_FILE: stateFile,
  };
  const state = async (): Promise<FakeState> => JSON.parse(await readFile(stateFile, 'utf8'));
  const calls = async (): Promise<FakeCall[]> =>
    (await readFile(logFile, 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as FakeCall);
  return {
    dir,
    env,
    calls,
    async lines() {
      return (await calls()).map((call) => {
        const argv: string[] = [];
        for (let i = 0; i < call.argv.length; i++) {
          if (call.argv[i] === '--context' || call.argv[i] === '-n') i++;
          else argv.push(call.argv[i] as string);
        }
        return [call.tool, ...argv].join(' ');
      });
    },
    state,
    async setState(partial) {
      await writeFile(stateFile, JSON.stringify({ ...(await state()), ...partial }));
    },
    async fail(failure) {
      const current = await state();
      current.failures.push(failure);
      await writeFile(stateFile, JSON.stringify(current));
    },
    async clearCalls() {
      await writeFile(logFile, '');
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
