import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMockScript } from '../mock/load-mock-script.js';
import { type MockServer, startMockServer } from '../mock-server/start-mock-server.js';
import { createRunContext } from '../run/create-run-context.js';
import { runCase } from '../run/run-case.js';
import type { RunContext } from '../run/run-context.js';
import { runSuite } from '../run/run-suite.js';
import { loadSuiteFile } from '../schema/load-suite.js';
import type { TargetRef } from '../schema/suite.js';

// The agents under test are fixtures written without agent-cicd: Python (stdlib) and JavaScript (openai SDK).
const dir = fileURLToPath(new URL('../../../../fixtures/any-language/', import.meta.url));
const env = { PATH: process.env.PATH, AGENT_TOKEN: 'planted-secret-token-123' };
let context: RunContext;
beforeAll(async () => {
  context = await createRunContext({ cwd: dir, tier: 'dev', env, judge: false });
});

async function caseResult(target: TargetRef, testCase: Parameters<typeof runCase>[0]['testCase'], trials = 1) {
  return runCase({
    testCase,
    suite: { name: JSON.stringify(target), target },
    file: join(dir, 'suites/x.suite.yaml'),
    context,
    trials,
  });
}

describe.each([
  ['python', 'suites/python.suite.yaml'],
  ['js', 'suites/js.suite.yaml'],
])('command target: the %s agent', (_, file) => {
  it('runs each trial in its own process; the tool calls the model asked for are recorded; a forbidden one fails', async () => {
    const loaded = await loadSuiteFile(join(dir, file));
    const report = await runSuite({ suites: [{ suite: loaded.suite, file: join(dir, file) }], context, trials: 2 });
    const [suite] = report.suites;
    const byId = Object.fromEntries((suite?.cases ?? []).map((c) => [c.caseId, c]));
    expect(byId['order-status']).toMatchObject({ status: 'passed', toolsCalled: ['lookup_order'] });
    expect(byId['order-status']?.trials[0]?.toolsCalled).toEqual([
      { name: 'lookup_order', arguments: { orderId: '42' } },
    ]);
    expect(byId['order-status']?.responsePreview).toContain('shipped');
    expect(byId['order-status']?.tokenCount).toBeGreaterThan(0);
    expect(byId['small-talk']).toMatchObject({ status: 'passed', toolsCalled: [] });
    expect(byId['delete-is-forbidden']).toMatchObject({ status: 'failed', toolsCalled: ['delete_account'] });
    expect(byId['delete-is-forbidden']?.violations[0]).toMatchObject({ check: 'forbidden_tool' });
    expect(byId['order-status']?.trials).toHaveLength(2);
  }, 60_000);
});

describe('command target: labels and failures', () => {
  it("the trial's labels reach the mock model: per-case and promptVersion rules match", async () => {
    const result = await caseResult(
      { command: ['python3', '../agent.py'] },
      {
        id: 'labelled-case',
        userInput: 'hello',
        systemPromptVersion: 'support@v2',
        expectedResponseKeywords: ['v2 answer for labelled-case'],
      },
    );
    expect(result.status, JSON.stringify(result.violations)).toBe('passed');
  }, 30_000);

  it('a non-zero exit is an error with its exit code and the end of stderr', async () => {
    const result = await caseResult(
      { command: ['python3', '../agent.py'] },
      { id: 'c', userInput: 'crash', forbiddenTools: ['x'] },
    );
    expect(result.status).toBe('error');
    expect(result.violations[0]).toEqual({
      check: 'target_error',
      message:
        'target exit_code: the command `python3 ../agent.py` exited with code 3; stderr: the agent crashed on purpose',
      severity: 'error',
    });
  }, 30_000);

  it('a timeout kills the agent and is an error', async () => {
    const started = Date.now();
    const result = await caseResult(
      { command: ['node', '../agent.mjs'], timeoutSeconds: 1 },
      { id: 'c', userInput: 'hang' },
    );
    expect(result.status).toBe('error');
    expect(result.violations[0]?.message).toBe('target timeout: the command `node ../agent.mjs` timed out after 1 s');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('output that is not a result, and a program that does not exist, are errors, never passes', async () => {
    const notJson = await caseResult({ command: ['node', '-e', 'console.log("hello")'] }, { id: 'c', userInput: 'x' });
    expect(notJson.violations[0]?.message).toBe(
      'target invalid_output: the command `node -e console.log("hello")` printed "hello" on stdout; expected one JSON result such as {"response": "..."}',
    );
    const empty = await caseResult({ command: ['node', '-e', ''] }, { id: 'c', userInput: 'x' });
    expect(empty.violations[0]?.message).toMatch(/printed nothing on stdout/);
    const noResponse = await caseResult({ command: ['node', '-e', 'console.log("{}")'] }, { id: 'c', userInput: 'x' });
    expect(noResponse.violations[0]?.message).toMatch(/expected text or an object with a string "response"/);
    const missing = await caseResult({ command: ['no-such-agent-binary'] }, { id: 'c', userInput: 'x' });
    expect(missing.violations[0]?.message).toMatch(
      /^target spawn_failed: cannot start `no-such-agent-binary` .*no-such-agent-binary not found$/,
    );
    for (const result of [notJson, empty, noResponse, missing]) expect(result.status).toBe('error');
  }, 30_000);

  it('with llm: inherit the agent keeps its own environment (no proxy)', async () => {
    const result = await caseResult(
      {
        command: ['node', '-e', 'console.log(JSON.stringify({response: String(process.env.OPENAI_BASE_URL)}))'],
        llm: 'inherit',
      },
      { id: 'c', userInput: 'x' },
    );
    expect(result.responsePreview).toBe('undefined');
  });
});

describe.each([
  ['python', ['python3', 'agent.py', '--serve', '0']],
  ['js', ['node', 'agent.mjs', '--serve', '0']],
])('http target: the %s agent as a service', (_, argv) => {
  let model: MockServer;
  let agent: ChildProcess;
  let url: string;
  beforeAll(async () => {
    model = await startMockServer({ port: 0, script: await loadMockScript(join(dir, 'mock.yaml')) });
    agent = spawn(argv[0] ?? '', argv.slice(1), {
      cwd: dir,
      env: { PATH: process.env.PATH, OPENAI_BASE_URL: `${model.url}/v1`, OPENAI_API_KEY: 'unused' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(agent.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    url = `http://127.0.0.1:${/listening on (\d+)/.exec(line.toString())?.[1]}/chat`;
  });
  afterAll(async () => {
    agent?.kill();
    await model?.close();
  });

  it('sends the body template with secret headers from the environment and reads the answer by JSON pointer', async () => {
    const target: TargetRef = {
      url,
      headers: { authorization: 'Bearer ${AGENT_TOKEN}' },
      body: { message: '{{input}}', session: '{{caseId}}-{{trial}}' },
      responsePath: '/reply',
    };
    const result = await caseResult(
      target,
      { id: 'order', userInput: 'Where is order 42?', expectedResponseKeywords: ['shipped'] },
      2,
    );
    expect(result.status, JSON.stringify(result.violations)).toBe('passed');
    expect(JSON.stringify(result)).not.toContain('planted-secret-token-123');
    expect(model.requests.length).toBeGreaterThanOrEqual(4);
  }, 30_000);

  it('a missing answer, an unset secret variable or a non-2xx answer is an error', async () => {
    const noAnswer = await caseResult(
      { url, body: { message: '{{input}}' }, responsePath: '/answer' },
      { id: 'c', userInput: 'hi' },
    );
    expect(noAnswer.violations[0]?.message).toBe(
      `target invalid_output: POST ${url}: responsePath /answer is missing in the answer`,
    );
    const unset = await caseResult(
      { url, headers: { authorization: 'Bearer ${NOT_SET_TOKEN}' }, responsePath: '/reply' },
      { id: 'c', userInput: 'hi' },
    );
    expect(unset.violations[0]?.message).toBe(
      'target invalid_request: the target header authorization uses ${NOT_SET_TOKEN}, which is not set',
    );
    const serverError = await caseResult(
      { url, body: { nothing: true }, responsePath: '/reply' },
      { id: 'c', userInput: 'hi' },
    );
    expect(serverError.violations[0]?.message).toMatch(
      new RegExp(`^target http_status: POST ${url} answered HTTP 400: ".*expected .*message`),
    );
    for (const result of [noAnswer, unset, serverError]) expect(result.status).toBe('error');
  }, 30_000);
});

describe('http target: timeouts, empty bodies and the seed shape', () => {
  it('reads the seed shape without pointers; an empty body and a timeout are errors', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      if (req.url === '/seed') res.end(JSON.stringify({ response: 'ok', tools_called: ['search'], token_count: 5 }));
      else if (req.url === '/empty') res.end('');
      else if (req.url === '/text') res.end('plain answer');
      // '/slow' never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const seed = await caseResult({ url: `${base}/seed` }, { id: 'c', userInput: 'x', expectedTools: ['search'] });
      expect(seed).toMatchObject({ status: 'passed', tokenCount: 5 });
      const text = await caseResult(
        { url: `${base}/text` },
        { id: 'c', userInput: 'x', expectedResponseKeywords: ['plain'] },
      );
      expect(text.status).toBe('passed');
      const empty = await caseResult({ url: `${base}/empty` }, { id: 'c', userInput: 'x', forbiddenTools: ['y'] });
      expect(empty.violations[0]?.message).toBe(`target empty_answer: POST ${base}/empty answered with an empty body`);
      const slow = await caseResult({ url: `${base}/slow`, timeoutSeconds: 0.5 }, { id: 'c', userInput: 'x' });
      expect(slow.violations[0]?.message).toBe(`target timeout: POST ${base}/slow gave no answer within 0.5 s`);
      for (const result of [empty, slow]) expect(result.status).toBe('error');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 30_000);
});
