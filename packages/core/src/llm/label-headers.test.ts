import { afterEach, describe, expect, it } from 'vitest';
import { createJudge } from '../judge/create-judge.js';
import type { MockRuleInput } from '../mock/mock-script-schema.js';
import { type MockServer, startMockServer } from '../mock-server/start-mock-server.js';
import { createAnthropicClient } from './anthropic-client.js';
import { labelHeaders, readLabelHeaders } from './label-headers.js';
import { createOpenAiClient } from './openai-client.js';
import type { LlmClient } from './types.js';

const verdict = { score: 0.9, pass: true, reason: 'Fine.' };
const rules: MockRuleInput[] = [
  {
    name: 'judge',
    when: { promptVersion: 'judge@v1' },
    respond: { toolCalls: [{ name: 'submit_verdict', arguments: verdict }] },
  },
  { name: 'v2', when: { promptVersion: 'support@v2' }, respond: 'answer of v2 for case {{metadata.caseId}}' },
  { name: 'fallback', respond: 'fallback' },
];

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clients: Record<string, (url: string) => LlmClient> = {
  openai: (url) => createOpenAiClient({ model: 'gpt-4o-mini', baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 }),
  anthropic: (url) =>
    createAnthropicClient({ model: 'claude-haiku-4-5', baseURL: url, apiKey: 'unused', maxRetries: 0 }),
};

describe('labels travel as x-agent-cicd-* headers', () => {
  it('round-trips names and non-ASCII values', () => {
    const headers = labelHeaders({ caseId: 'refund é/1', trial: '2', promptVersion: 'support@v2' });
    expect(headers).toEqual({
      'x-agent-cicd-case-id': 'refund%20%C3%A9%2F1',
      'x-agent-cicd-trial': '2',
      'x-agent-cicd-prompt-version': 'support%40v2',
    });
    expect(readLabelHeaders({ ...headers, 'content-type': 'application/json' })).toEqual({
      caseId: 'refund é/1',
      trial: '2',
      promptVersion: 'support@v2',
    });
  });

  for (const [name, create] of Object.entries(clients)) {
    it(`${name}: promptVersion and case rules match over HTTP, and the judge gets its verdict`, async () => {
      server = await startMockServer({ port: 0, script: { rules } });
      const llm = create(server.url);
      const answer = await llm.complete({
        messages: [{ role: 'user', content: 'hi' }],
        maxTokens: 100,
        metadata: { caseId: 'c-1', trial: '0', promptVersion: 'support@v2' },
      });
      expect(answer.text).toBe('answer of v2 for case c-1');
      expect(server.requests[0]?.caseId).toBe('c-1');
      const judge = createJudge({ llm });
      const outcome = await judge.grade({
        input: 'hi',
        output: 'hello',
        expectedBehavior: 'Greets.',
        metadata: { caseId: 'c-1' },
      });
      expect(outcome).toMatchObject({ ok: true, pass: true, score: 0.9 });
    });
  }

  it('a judge answered by another rule names that rule and the rule it needed (over HTTP)', async () => {
    server = await startMockServer({ port: 0, script: { rules: rules.slice(1) } });
    const judge = createJudge({ llm: clients.openai?.(server.url) as LlmClient, maxAttempts: 1 });
    const outcome = await judge.grade({ input: 'hi', output: 'hello', expectedBehavior: 'Greets.' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toBe(
      'the judge gave no valid verdict in 1 attempts: the reply did not call submit_verdict (text: "fallback"); ' +
        'mock rule "fallback" answered, but a judge request needs a rule matching its label ' +
        "(`when: { promptVersion: judge@v1 }`) that calls submit_verdict with { score, pass, reason }, placed before the agent's rules",
    );
  });
});
