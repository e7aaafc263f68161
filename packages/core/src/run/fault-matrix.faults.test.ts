import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFaultFigures } from '../../../../scripts/fault-figures.js';
import { createJudge } from '../judge/create-judge.js';
import { createAnthropicClient } from '../llm/anthropic-client.js';
import { createOpenAiClient } from '../llm/openai-client.js';
import { createProviderLimiter } from '../llm/provider-limiter.js';
import type { ChatMessage, LlmClient } from '../llm/types.js';
import type { CaseResult } from '../schema/report.js';
import { createModuleTarget } from '../targets/load-module-target.js';
import type { Target } from '../targets/target.js';
import {
  AGENT_FAULT_SETUPS,
  type FaultExpectation,
  type FaultSetup,
  GOOD_TEXT,
  JUDGE_FAULT_SETUPS,
  TOOL,
} from '../test-utils/fault-setups.js';
import { makeRunContext } from '../test-utils/make-run-context.js';
import { type RawFaultServer, startRawFaultServer } from '../test-utils/raw-fault-server.js';
import { createScriptedLlm } from '../test-utils/scripted-llm.js';
import { runSuite } from './run-suite.js';

/**
 * The fault matrix: every way a provider can answer badly (fault-setups.ts) × OpenAI and Anthropic × streaming and
 * not × prompt target (the agent loop) and module target (the user's own code) × the judge, each through the real
 * SDK adapters and `runSuite`. The rule: a case passes only on a complete, well-formed answer; any other answer is
 * an `error` (with the check saying which) or a failed check (`truncated` for a length stop).
 */

let server: RawFaultServer;
beforeAll(async () => {
  server = await startRawFaultServer();
});
afterAll(async () => {
  await server?.close();
});

function clientFor(setup: FaultSetup): LlmClient {
  const common = {
    maxRetries: 1,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 },
    timeoutMs: 700,
    stream: setup.stream,
    limiter: createProviderLimiter(4),
    apiKey: 'sk-test-fault-matrix',
  };
  return setup.protocol === 'openai'
    ? createOpenAiClient({ ...common, model: 'gpt-test', baseURL: `${server.url}/v1` })
    : createAnthropicClient({ ...common, model: 'claude-test', baseURL: server.url });
}

const tools = [
  {
    name: TOOL,
    description: 'Looks an order up.',
    // No required field: `{}` (what unparseable arguments become) is valid, the worst case for a silent pass.
    parameters: { type: 'object', properties: { orderId: { type: 'string' } } },
    handler: () => ({ status: 'shipped' }),
  },
  { name: 'delete_account', parameters: { type: 'object', properties: {} }, handler: () => 'deleted' },
];

/** A naive user module: one call, the tools it asks for (with whatever arguments), one more call. */
const moduleTarget: Target = createModuleTarget(async (input, ctx) => {
  const messages: ChatMessage[] = [...input.messages];
  const first = await ctx.llm.complete({ messages, tools: ctx.tools.definitions, metadata: ctx.metadata });
  if (first.toolCalls.length === 0) return first.text;
  messages.push({ role: 'assistant', content: first.text, toolCalls: first.toolCalls });
  for (const call of first.toolCalls) {
    const record = await ctx.tools.call(call.name, call.arguments);
    messages.push({
      role: 'tool',
      toolCallId: call.id,
      name: call.name,
      content: JSON.stringify(record.result ?? null),
    });
  }
  const second = await ctx.llm.complete({ messages, metadata: ctx.metadata });
  return second.text;
});

// Only negative checks: an empty or cut answer would pass them, which is what the matrix looks for.
const agentCase = {
  id: 'order-status',
  userInput: 'Where is my order A1?',
  forbiddenKeywords: ['password'],
  forbiddenTools: ['delete_account'],
};
const judgedCase = {
  id: 'order-status-judged',
  userInput: 'Where is my order A1?',
  expectedBehavior: 'Says that the order shipped.',
};

async function runOne(options: {
  llm: LlmClient;
  target?: Target;
  judgeLlm?: LlmClient;
  testCase: typeof agentCase | typeof judgedCase;
  /** `--no-judge`. */
  skipJudge?: boolean;
}): Promise<CaseResult> {
  const made = makeRunContext({
    llm: options.llm,
    tools,
    ...(options.target ? { target: options.target } : {}),
    ...(options.judgeLlm ? { judge: createJudge({ llm: options.judgeLlm, maxAttempts: 2 }) } : {}),
  });
  const context = options.skipJudge ? { ...made, skipJudge: true } : made;
  const report = await runSuite({ suites: [{ suite: { name: 'faults', cases: [options.testCase] } }], context });
  const result = report.suites[0]?.cases[0];
  if (!result) throw new Error('no case result');
  return result;
}

interface Outcome {
  setup: string;
  dimension: string;
  expected: FaultExpectation;
  status: string;
  checks: string[];
}
const outcomes: Outcome[] = [];

function meets(outcome: Outcome): boolean {
  // Under --no-judge a well-formed answer to a judge-only case was not evaluated: skipped, never passed.
  if (outcome.expected === 'pass') return outcome.status === (outcome.dimension === 'no judge' ? 'skipped' : 'passed');
  return outcome.status === outcome.expected.status && outcome.checks.includes(outcome.expected.check);
}

const label = (setup: FaultSetup): string => `${setup.protocol}${setup.stream ? ' stream' : ''}: ${setup.id}`;

describe('fault matrix: the agent model', () => {
  for (const setup of AGENT_FAULT_SETUPS) {
    for (const [dimension, target] of [
      ['prompt target', undefined],
      ['module target', moduleTarget],
    ] as const) {
      it(`${label(setup)} (${dimension})`, async () => {
        server.use(setup.respond);
        const result = await runOne({ llm: clientFor(setup), ...(target ? { target } : {}), testCase: agentCase });
        const outcome: Outcome = {
          setup: label(setup),
          dimension,
          expected: setup.expect,
          status: result.status,
          checks: result.violations.map((v) => v.check),
        };
        outcomes.push(outcome);
        expect({ ...outcome, violations: result.violations, response: result.responsePreview }).toMatchObject({
          status: setup.expect === 'pass' ? 'passed' : setup.expect.status,
        });
        expect(meets(outcome), JSON.stringify(result.violations)).toBe(true);
        if (setup.expect === 'pass') expect(result.responsePreview).toBe(GOOD_TEXT);
      });
    }
  }
});

describe('fault matrix: the judge model', () => {
  for (const setup of JUDGE_FAULT_SETUPS) {
    it(label(setup), async () => {
      server.use(setup.respond);
      const agent = createScriptedLlm(() => ({ text: GOOD_TEXT }));
      const result = await runOne({ llm: agent, judgeLlm: clientFor(setup), testCase: judgedCase });
      const outcome: Outcome = {
        setup: label(setup),
        dimension: 'judge',
        expected: setup.expect,
        status: result.status,
        checks: result.violations.map((v) => v.check),
      };
      outcomes.push(outcome);
      expect(meets(outcome), JSON.stringify(result.violations)).toBe(true);
    });
  }
});

describe('fault matrix: --no-judge on a judge-only case', () => {
  for (const setup of AGENT_FAULT_SETUPS) {
    it(label(setup), async () => {
      server.use(setup.respond);
      const result = await runOne({ llm: clientFor(setup), testCase: judgedCase, skipJudge: true });
      const outcome: Outcome = {
        setup: label(setup),
        dimension: 'no judge',
        expected: setup.expect,
        status: result.status,
        checks: result.violations.map((v) => v.check),
      };
      outcomes.push(outcome);
      expect(meets(outcome), `${result.status}: ${JSON.stringify(result.violations)}`).toBe(true);
    });
  }
});

describe('fault matrix figures', () => {
  it('every fault setup ran, none passed wrongly, every control passed', () => {
    const judged = outcomes.filter((o) => o.dimension !== 'no judge');
    const noJudge = outcomes.filter((o) => o.dimension === 'no judge');
    const faults = judged.filter((o) => o.expected !== 'pass');
    const controls = judged.filter((o) => o.expected === 'pass');
    const wrongPasses = faults.filter((o) => o.status === 'passed');
    const setups = new Set(faults.map((o) => `${o.dimension === 'judge' ? 'judge ' : ''}${o.setup}`));
    writeFaultFigures('fault-matrix', [
      {
        id: 'fault-setups',
        description: 'distinct fault setups (provider × stream × fault, agent model and judge model)',
        value: setups.size,
        goal: { op: '>=', value: 60 },
      },
      {
        id: 'fault-runs',
        description: 'fault setups × prompt/module target (agent) or judge, each run through runSuite',
        value: faults.length,
        goal: { op: '>=', value: 60 },
      },
      {
        id: 'wrong-passes',
        description: 'fault runs whose case passed',
        value: wrongPasses.length,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'unexpected-outcomes',
        description: 'runs whose status or check differs from the expected one',
        value: outcomes.filter((o) => !meets(o)).length,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'controls-passed',
        description: 'well-formed control answers that passed (the matrix can pass at all)',
        value: controls.filter((o) => o.status === 'passed').length,
        goal: { op: '==', value: controls.length },
      },
      {
        id: 'no-judge-runs',
        description: 'agent fault setups and controls run on a judge-only case with --no-judge (skipJudge)',
        value: noJudge.length,
        goal: { op: '>=', value: 60 },
      },
      {
        id: 'no-judge-passes',
        description: '--no-judge runs of a judge-only case whose case passed (must be skipped, failed or error)',
        value: noJudge.filter((o) => o.status === 'passed').length,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'no-judge-controls-skipped',
        description: '--no-judge runs with a well-formed answer that are skipped (not evaluated, not passed)',
        value: noJudge.filter((o) => o.expected === 'pass' && o.status === 'skipped').length,
        goal: { op: '==', value: noJudge.filter((o) => o.expected === 'pass').length },
      },
    ]);
    expect(wrongPasses).toEqual([]);
    expect(noJudge.filter((o) => o.status === 'passed')).toEqual([]);
    expect(setups.size).toBeGreaterThanOrEqual(60);
  });
});
