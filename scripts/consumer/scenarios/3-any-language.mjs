// Scenario 3: agents in any language, from the installed tarballs. The same support agent in Python (standard
// library only) and in JavaScript (the official openai SDK, no agent-cicd code) — fixtures/any-language — as
// `command` targets (one process per trial, the model through OPENAI_BASE_URL of a per-trial proxy, the model's
// tool calls recorded) under `agent-cicd run` and Vitest, and as services behind `http` targets, their model
// served by `agent-cicd mock-server`; and a `--max-cost` run on a model without a price stops, naming it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { check, checkMatch, consumerEnv, ScenarioFailure } from '../lib/consumer-repo.mjs';

export const title = 'agents in any language: command and http targets, a Python and a JavaScript agent';

export async function run({ monorepo, repo: createRepo }) {
  const repo = await createRepo({ name: 'any-language' });
  await repo.copy(join(monorepo, 'fixtures/any-language'), '.');

  // 1. `agent-cicd run` over both command suites: the forbidden tool call is caught without the agents reporting it.
  const run = await repo.npx(['agent-cicd', 'run', 'suites/', '--report', 'report.json'], { expect: 1 });
  checkMatch(run.output, /6\/6 cases \(4 passed, 2 failed, 0 errors\)/, '`agent-cicd run suites/`');
  const report = JSON.parse(await repo.read('report.json'));
  for (const suite of ['python-agent', 'js-agent']) {
    const cases = Object.fromEntries(report.suites.find((s) => s.name === suite).cases.map((c) => [c.caseId, c]));
    check(cases['order-status']?.status === 'passed', `${suite}: order-status did not pass`);
    check(
      JSON.stringify(cases['order-status'].trials[0].toolsCalled) ===
        '[{"name":"lookup_order","arguments":{"orderId":"42"}}]',
      `${suite}: the model's tool call was not recorded: ${JSON.stringify(cases['order-status'].trials[0].toolsCalled)}`,
    );
    check(
      cases['delete-is-forbidden']?.violations[0]?.check === 'forbidden_tool',
      `${suite}: the forbidden tool call was not caught`,
    );
  }

  // 2. The same Python agent under Vitest through the plugin (a suite with a threshold: the gate passes).
  const suite = (await repo.read('suites/python.suite.yaml')).replace(
    'name: python-agent',
    'name: python-agent-gated\nthreshold: 0.6',
  ); // prompts/ is beside suites/
  await repo.write({
    'prompts/python.suite.yaml': suite,
    'vitest.config.ts': [
      "import { agentCicd } from '@agent-cicd/vitest-plugin';",
      "import { defineConfig } from 'vitest/config';",
      '',
      'export default defineConfig({ plugins: [agentCicd()] });',
      '',
    ].join('\n'),
  });
  const vitest = await repo.npx(['vitest', 'run', 'prompts/']);
  checkMatch(vitest.output, /✓ python-agent-gated\s+prompts\/python\.suite\.yaml/, '`vitest run prompts/`');
  checkMatch(vitest.output, /gate passed/, '`vitest run prompts/`');

  // 3. The agents as services: `agent-cicd mock-server` is their model; `http` targets call them.
  const children = [];
  try {
    const model = await background(
      children,
      'npx',
      ['--no-install', 'agent-cicd', 'mock-server', '--port', '0', '--script', 'mock.yaml'],
      repo.dir,
      {},
      /listening on (http:\/\/\S+)/,
    );
    const env = { OPENAI_BASE_URL: `${model}/v1`, OPENAI_API_KEY: 'unused' };
    const python = await background(
      children,
      'python3',
      ['agent.py', '--serve', '0'],
      repo.dir,
      env,
      /listening on (\d+)/,
    );
    const js = await background(children, 'node', ['agent.mjs', '--serve', '0'], repo.dir, env, /listening on (\d+)/);
    const httpSuite = (name, tokens) =>
      [
        `name: ${name}`,
        'target:',
        `  url: \${${name.toUpperCase().replace(/-/g, '_')}_URL}/chat`,
        '  headers: { authorization: "Bearer ${AGENT_TOKEN}" }',
        '  body: { message: "{{input}}" }',
        '  response_path: /reply',
        ...(tokens ? ['  token_count_path: /usage/total_tokens'] : []),
        'cases:',
        '  - id: order-status',
        '    user_input: Where is order 42?',
        '    expected_response_keywords: [shipped]',
        '  - id: small-talk',
        '    user_input: Hi there',
        '    expected_response_keywords: [orders]',
        '',
      ].join('\n');
    await repo.write({
      'services/python.suite.yaml': httpSuite('python-service', true),
      'services/js.suite.yaml': httpSuite('js-service', false),
    });
    const secret = 'consumer-planted-token-9f3a';
    const http = await repo.npx(['agent-cicd', 'run', 'services/', '--report', 'http-report.json'], {
      env: {
        PYTHON_SERVICE_URL: `http://127.0.0.1:${python}`,
        JS_SERVICE_URL: `http://127.0.0.1:${js}`,
        AGENT_TOKEN: secret,
      },
    });
    checkMatch(http.output, /4\/4 cases \(4 passed, 0 failed, 0 errors\)/, '`agent-cicd run services/`');
    check(!(await repo.read('http-report.json')).includes(secret), 'the header secret reached the report');

    // 4. A cost budget needs prices: the Python agent on a model without one (through a provider tier whose
    // endpoint is the mock server) stops a `--max-cost` run at its first answer, naming the model.
    await repo.write({
      'budget.config.yaml': [
        'mock: { script: mock.yaml }',
        `llm: { provider: openai, base_url: ${model}/v1, api_key_env: OPENAI_API_KEY }`,
        'tiers:',
        '  staging: { llm_model: my-local-model }',
        '',
      ].join('\n'),
    });
    const budget = await repo.npx(
      ['agent-cicd', 'run', 'suites/python.suite.yaml', '--tier', 'staging', '--config', 'budget.config.yaml'].concat([
        '--max-cost',
        '1',
        '--report',
        'budget-report.json',
      ]),
      { env: { OPENAI_API_KEY: 'unused', AGENT_MODEL: 'my-local-model' }, expect: 1 },
    );
    checkMatch(
      budget.output,
      /run budget_exceeded: the budget of \$1 cannot be kept: model "my-local-model" has no price/,
      '`--max-cost` with a model without a price',
    );
    check(JSON.parse(await repo.read('budget-report.json')).status === 'budget_exceeded', 'the budget report status');
  } finally {
    // Each was started in its own process group: stop the group (npx's child too), and let go of its pipes.
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      child.stdout.destroy();
      child.stderr.destroy();
    }
  }
  return 'command: 2 agents × 3 cases as expected (forbidden tool caught); vitest gate passed; http: 4/4 passed; unpriced --max-cost stopped';
}

/** Starts a long-running process and waits for the line that says where it listens; returns the captured group. */
async function background(children, command, args, cwd, env, ready) {
  const child = spawn(command, args, { cwd, env: consumerEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  let output = '';
  const found = new Promise((resolvePromise, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolvePromise(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) =>
      reject(new ScenarioFailure(`\`${command} ${args.join(' ')}\` exited ${code}:\n${output}`)),
    );
  });
  const timeout = new Promise((_, reject) =>
    setTimeout(
      () => reject(new ScenarioFailure(`\`${command} ${args.join(' ')}\` did not start:\n${output}`)),
      60_000,
    ).unref(),
  );
  return Promise.race([found, timeout]);
}
