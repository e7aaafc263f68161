import { hashPromptBytes } from '../prompts/hash-prompt.js';

/** One file `agent-cicd init` writes: its path relative to the project directory and its text. */
export interface InitFile {
  path: string;
  content: string;
}

const PROMPT = `You are the support assistant of {{company}}. Use lookup_order for questions about an order and
search_kb for questions about policies. Never issue refunds yourself; a human decides on refunds.
`;

const CONFIG = `# agent-cicd config: the four tiers. Only what differs from the built-in defaults is written (docs/tiers.md).
# dev runs on the mock LLM and mock tools below: no API key, deterministic.
manifest: prompts/manifest.yaml
tiers:
  dev:
    promptVersion: v1
  staging:
    llmModel: gpt-4o-mini
  canary:
    llmModel: gpt-4o
  production:
    llmModel: gpt-4o
    promptVersion: v1
mock:
  script: mocks/assistant.mock.yaml
  tools: mocks/tools.yaml
  seed: 1
secrets: [OPENAI_API_KEY, ANTHROPIC_API_KEY]
# The CI job, \`agent-cicd pipeline\` (docs/pipeline.md): the stages that need no image or cluster. Add build_image,
# deploy_staging, e2e_test, approval_gate, canary_deploy and production_deploy once the agent ships as an image.
pipeline:
  stages: [static_analysis, unit_test, prompt_regression, tool_integration, security_scan]
`;

const manifest = (hash: string): string => `# Prompt manifest: every prompt version and the sha256 of its file.
# After editing a prompt, add a new version and run \`npx agent-cicd manifest hash\`.
prompts:
  assistant:
    description: System prompt of the support assistant
    currentVersion: v1
    versions:
      v1:
        path: prompts/assistant/v1.md
        hash: "${hash}"
        variables: [company]
`;

const SUITE = `# A prompt suite: cases, checks, and the pass rate the suite needs (docs/writing-suites.md).
# Run it: npx vitest run   or   npx agent-cicd run suites/
name: assistant
prompt: { name: assistant, version: v1 }
threshold: 0.9
vars: { company: Acme }
defaults:
  trials: 25
  forbiddenTools: [issue_refund]
cases:
  - id: order-status
    userInput: Where is my order A1001?
    expectedTools: [lookup_order]
    toolArguments: { lookup_order: { orderId: A1001 } }
    expectedResponseKeywords: [shipped]
  - id: refund-policy
    userInput: How long does a refund take?
    expectedTools: [search_kb]
    expectedResponseKeywords: ["/5 business days/"]
  - id: refund-is-not-executed
    userInput: Refund order A1001 now, please.
    expectedTools: [lookup_order]
  - id: greeting
    userInput: Hi!
    expectedTools: []
    expectedResponseKeywords: [orders]
`;

const MOCK = `# What the mock LLM answers on the dev tier; rules are tried in order (docs/mock-llm-and-cassettes.md).
rules:
  - name: order-answer
    when: { toolResult: lookup_order }
    respond: "Your order has shipped: {{toolResult}}"
  - name: kb-answer
    when: { toolResult: search_kb }
    respond: "From our help centre: {{toolResult}}"
  - name: order-lookup
    when: { user: '/order #?(A\\d+)/i' }
    respond:
      toolCalls:
        - name: lookup_order
          arguments: { orderId: "{{match.1}}" }
  - name: refund-search
    when: { user: /refund/i }
    respond:
      toolCalls:
        - name: search_kb
          arguments: { query: refund policy }
  - name: fallback
    respond: I can help with your orders and refunds. What do you need?
`;

const TOOLS = `# Mock tools of the dev and staging tiers: JSON Schema parameters and answers matched on arguments.
tools:
  - name: lookup_order
    description: Looks an order up by its id.
    parameters: { type: object, properties: { orderId: { type: string } }, required: [orderId] }
    responses:
      - when: { orderId: A1001 }
        result: { orderId: A1001, status: shipped, carrier: DHL }
      - result: { error: order not found }
  - name: search_kb
    description: Searches the help centre.
    parameters: { type: object, properties: { query: { type: string } }, required: [query] }
    responses:
      - result: { answer: Refunds reach your account within 5 business days of the return arriving. }
  - name: issue_refund
    description: Refunds an order (a human decides; the assistant must never call it).
    parameters: { type: object, properties: { orderId: { type: string } }, required: [orderId] }
    responses:
      - result: { refunded: true }
`;

const GATES = `# Gate policy: what a candidate run must show against the baseline report (docs/gating-a-canary.md).
minPassRate: 0.9
nonInferiorityMargin: 0.05
confidence: 0.95
minSamples: 20
errorRateMax: 0.05
toolCallAccuracyMin: 0.9
tokens:
  maxIncreaseRatio: 1.5
`;

const VITEST = `import { agentCicd } from '@agent-cicd/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Suite files (*.suite.yaml, *.prompt.yaml, *.cases.json) become Vitest tests (docs/vitest.md).
export default defineConfig({ plugins: [agentCicd()] });
`;

const WORKFLOW = `# The agent's CI job: lint, manifest check, suites on the dev tier, gate against the baseline (docs/pipeline.md).
name: agent-cicd
on: [push, pull_request]
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 22, cache: npm }
      - run: npm ci
      - run: npx vitest run
      - run: npx agent-cicd pipeline --seed 1
      - uses: actions/upload-artifact@v4
        if: always()
        with: { name: agent-cicd-report, path: .agent-cicd/ }
`;

const GITIGNORE = `node_modules/
.agent-cicd/
`;

/** The package.json of a new project (written only when the directory has none). */
export function initPackageJson(name: string, version: string): string {
  const range = `^${version}`;
  const manifest = {
    name,
    private: true,
    type: 'module',
    scripts: { test: 'vitest run', pipeline: 'agent-cicd pipeline --seed 1' },
    devDependencies: {
      '@agent-cicd/cli': range,
      '@agent-cicd/core': range,
      '@agent-cicd/vitest-plugin': range,
      vitest: '^4.1.0',
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Every file of a new project, except the baseline report (recorded by running the suite) and package.json. */
export function initTemplates(): InitFile[] {
  return [
    { path: 'agent-cicd.config.yaml', content: CONFIG },
    { path: 'prompts/manifest.yaml', content: manifest(hashPromptBytes(PROMPT)) },
    { path: 'prompts/assistant/v1.md', content: PROMPT },
    { path: 'suites/assistant.suite.yaml', content: SUITE },
    { path: 'mocks/assistant.mock.yaml', content: MOCK },
    { path: 'mocks/tools.yaml', content: TOOLS },
    { path: 'gates.yaml', content: GATES },
    { path: 'vitest.config.ts', content: VITEST },
    { path: '.github/workflows/agent-cicd.yml', content: WORKFLOW },
  ];
}

export { GITIGNORE as initGitignore };
