// Scenario 2: a repository laid out as the seed lays it out — `config/prompt_manifest.yaml`, the seed's
// snake_case `tests/prompt_test_cases.json` collected by the plugin through its `include` option, and tiers written
// with the seed's values (`log_level: WARNING`, `traffic_weight` as a fraction: 1.0 is 100%).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { check, checkMatch } from '../lib/consumer-repo.mjs';

export const title =
  "the seed's layout and values: config/prompt_manifest.yaml, tests/prompt_test_cases.json, seed tiers";

const sha256 = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

const PROMPT_V1 = 'You are the support agent of an online shop. Look orders up before answering.\n';
const PROMPT_V2 = `${PROMPT_V1}Search the help centre for policy questions.\n`;

const CASES = [
  {
    id: 'tc_001',
    name: 'Order status',
    system_prompt_version: 'v1',
    user_input: 'Where is my order A1001?',
    expected_behavior: 'Says the order has shipped',
    expected_tools: ['lookup_order'],
    expected_response_keywords: ['shipped'],
    forbidden_keywords: ['as an AI'],
    max_tokens_limit: 300,
  },
  {
    id: 'tc_002',
    name: 'Refund timeline',
    system_prompt_version: 'v2',
    user_input: 'How long does a refund take?',
    expected_behavior: 'Gives the refund timeline from the help centre',
    expected_tools: ['search_kb'],
    expected_response_keywords: ['5 business days'],
    forbidden_keywords: [],
    max_tokens_limit: 300,
  },
];

const tiers = (production) => `manifest: config/prompt_manifest.yaml
tiers:
  dev:
    llm_model: gpt-4o-mini
    llm_temperature: 0.3
    max_tokens: 1024
    timeout_seconds: 30
    log_level: DEBUG
  staging:
    llm_model: gpt-4o
    llm_temperature: 0.1
    max_tokens: 2048
    timeout_seconds: 45
    log_level: INFO
  canary:
    traffic_weight: "5%"
  production:
    llm_model: claude-opus-4
    llm_temperature: 0.0
    max_tokens: 4096
    timeout_seconds: 60
${production}
mock:
  script: mocks/agent.mock.yaml
  tools: mocks/tools.yaml
  seed: 1
`;

export async function run({ monorepo, repo: createRepo }) {
  const repo = await createRepo({ name: 'seed-layout' });
  const example = join(monorepo, 'examples/support-agent');
  await repo.copy(join(example, 'mocks'), 'mocks');
  await repo.write({
    'agent-cicd.config.yaml': tiers('    traffic_weight: 1.0\n    log_level: WARNING'),
    'percent.config.yaml': tiers('    traffic_weight: 5\n    log_level: WARNING'),
    'config/prompt_manifest.yaml': `prompts:
  support:
    currentVersion: v2
    versions:
      v1: { path: prompts/support_v1.txt, hash: "${sha256(PROMPT_V1)}" }
      v2: { path: prompts/support_v2.txt, hash: "${sha256(PROMPT_V2)}" }
`,
    'prompts/support_v1.txt': PROMPT_V1,
    'prompts/support_v2.txt': PROMPT_V2,
    'tests/prompt_test_cases.json': `${JSON.stringify(CASES, null, 2)}\n`,
    'vitest.config.ts': [
      "import { agentCicd } from '@agent-cicd/vitest-plugin';",
      "import { defineConfig } from 'vitest/config';",
      '',
      "export default defineConfig({ plugins: [agentCicd({ include: ['tests/prompt_test_cases.json'] })] });",
      '',
    ].join('\n'),
  });

  // The seed's tier values are accepted as written.
  await repo.npx(['agent-cicd', 'lint']);
  const tier = async (name) =>
    JSON.parse((await repo.npx(['agent-cicd', 'config', '--tier', name])).stdout).settings ?? {};
  const settings = await tier('production');
  check(/^warn/i.test(String(settings.logLevel)), `production logLevel is ${settings.logLevel}`);
  // One rule: a number is a fraction (the seed's 1.0 is 100%), a percentage is written "5%".
  const weight = settings.trafficWeight;
  check(weight === 1, `production traffic_weight 1.0 became ${JSON.stringify(weight)}, not the fraction 1`);
  const canary = (await tier('canary')).trafficWeight;
  check(canary === 0.05, `canary traffic_weight "5%" became ${JSON.stringify(canary)}, not 0.05`);
  // The other spelling (a bare 5 meaning 5%) is a located error, not a silent reinterpretation.
  const percent = await repo.npx(['agent-cicd', 'config', '--config', 'percent.config.yaml', '--tier', 'production'], {
    expect: 2,
  });
  checkMatch(
    percent.stderr,
    /^error\[[A-Z_]+\] percent\.config\.yaml:\d+:\d+ .*traffic_?[wW]eight/m,
    'traffic_weight: 5',
  );

  // The seed's cases file, collected through the plugin's include option.
  const vitest = await repo.npx(['vitest', 'run']);
  checkMatch(vitest.output, /✓ \S+\s+tests\/prompt_test_cases\.json/, '`vitest run`');
  checkMatch(vitest.output, /cases 2\/2 passed/, '`vitest run`');
  const cli = await repo.npx(['agent-cicd', 'run', 'tests/prompt_test_cases.json', '--seed', '1']);
  checkMatch(cli.output, /PASS/, '`agent-cicd run tests/prompt_test_cases.json`');
  return `lint ok; production log level ${settings.logLevel}, weights 1 and "5%" → 0.05; vitest and run passed`;
}
