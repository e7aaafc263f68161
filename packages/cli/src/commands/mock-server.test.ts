import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));
const repo = fileURLToPath(new URL('../../../../', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Spawns `agent-cicd mock-server …` and resolves once it prints its URL. */
function startCli(args: string[]): Promise<{ url: string; output: () => string; exited: Promise<number | null> }> {
  const proc = spawn(
    process.execPath,
    ['--conditions=@agent-cicd/source', '--import', 'tsx', bin, 'mock-server', ...args],
    {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  child = proc;
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve({ url: match[1], output: () => stdout + stderr, exited });
    });
    void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stdout}${stderr}`)));
  });
}

/** Calls the CLI in-process for the quick checks; the spawned test covers the process contract. */
async function runMain(argv: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    cwd: repo,
    env: {},
  };
  const exitCode = await main(argv, io);
  return { exitCode, stdout, stderr };
}

describe('agent-cicd mock-server', () => {
  it('serves the script on a free port, exposes the request log, and stops cleanly on SIGTERM', async () => {
    const server = await startCli(['--port', '0', '--script', 'fixtures/mock/weather-agent.mock.yaml', '--seed', '3']);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'mock-weather-1',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello! Ask me about the weather.');
    const log = (await (await fetch(`${server.url}/_mock/requests`)).json()) as { requests: unknown[] };
    expect(log.requests).toHaveLength(1);
    child?.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('mock server stopped (1 requests served)');
  }, 60_000);

  it('describes every option in --help', async () => {
    const run = await runMain(['mock-server', '--help']);
    expect(run.exitCode).toBe(0);
    for (const option of [
      '--host',
      '--port',
      '--script',
      '--faults',
      '--cassette <dir>',
      '--cassette-mode',
      '--seed',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('/_mock/requests');
  });

  it('reports user mistakes in one line with exit code 2', async () => {
    const badPort = await runMain(['mock-server', '--port', '99999']);
    expect(badPort.exitCode).toBe(2);
    expect(badPort.stderr).toMatch(/^error\[AGENT_CICD_CLI_INVALID_OPTION\] --port must be an integer from 0 to 65535/);
    const badScript = await runMain(['mock-server', '--port', '0', '--script', 'fixtures/mock/invalid.mock.yaml']);
    expect(badScript.exitCode).toBe(2);
    expect(badScript.stderr.trim()).toMatch(
      /^error\[AGENT_CICD_MOCK_SCRIPT_INVALID\] \S*fixtures\/mock\/invalid\.mock\.yaml:6:11 rules\[0\]\.respond\.toolCalls\[0\]\.name: /,
    );
    expect(badScript.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
