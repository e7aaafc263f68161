import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { AgentCicdError, LlmError } from '../errors.js';
import type { LlmRequest } from '../llm/types.js';
import { countTokens } from './count-tokens.js';
import { createMockLlm, directAnswerOf } from './create-mock-llm.js';
import { loadMockScript } from './load-mock-script.js';

const weatherScript = fileURLToPath(new URL('../../../../fixtures/mock/weather-agent.mock.yaml', import.meta.url));
const user = (content: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
  messages: [{ role: 'user', content }],
  ...extra,
});
const noSleep = async (): Promise<void> => {};

describe('createMockLlm', () => {
  it('answers with the first matching rule, by substring and by regex, with real token counts', async () => {
    const llm = createMockLlm([
      { when: { user: '/^order (\\d+)$/i' }, respond: 'Order {{match.1}} ships today.' },
      { when: { user: 'hello' }, respond: { text: 'Hi there' } },
      { respond: 'fallback' },
    ]);
    const order = await llm.complete(user('ORDER 42'));
    expect(order.text).toBe('Order 42 ships today.');
    expect(order.finishReason).toBe('stop');
    expect(order.usage).toEqual({
      inputTokens: countTokens('ORDER 42'),
      outputTokens: countTokens('Order 42 ships today.'),
    });
    expect(order.model).toBe('mock');
    expect((await llm.complete(user('well hello'))).text).toBe('Hi there');
    expect((await llm.complete(user('something else'))).text).toBe('fallback');
    expect(llm.provider).toBe('mock');
  });

  it('matches on system prompt, prompt version, model, turn and tool results', async () => {
    const llm = createMockLlm([
      { when: { toolResult: 'lookup' }, respond: 'lookup said {{toolResult}}' },
      { when: { toolResult: true }, respond: 'some tool answered' },
      { when: { turn: { min: 3 } }, respond: 'late turn' },
      { when: { promptVersion: 'v2' }, respond: 'v2 answer' },
      { when: { promptVersion: '/^v1/' }, respond: 'v1.x answer' },
      { when: { system: 'pirate' }, respond: 'Arr' },
      { when: { model: 'big' }, respond: 'big model' },
      { respond: { text: 'plain', toolCalls: [{ name: 'lookup', arguments: { q: '{{input}}' } }] } },
    ]);
    const first = await llm.complete(user('find cats'));
    expect(first.toolCalls).toEqual([{ id: 'call_mock_1_0', name: 'lookup', arguments: { q: 'find cats' } }]);
    expect(first.finishReason).toBe('tool_calls');
    const withResult = await llm.complete({
      messages: [
        { role: 'user', content: 'find cats' },
        { role: 'assistant', content: '', toolCalls: first.toolCalls },
        { role: 'tool', toolCallId: 'call_mock_1_0', name: 'lookup', content: '3 cats' },
      ],
    });
    expect(withResult.text).toBe('lookup said 3 cats');
    const otherTool = await llm.complete({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: '' },
        { role: 'tool', toolCallId: 'a', name: 'other', content: '' },
      ],
    });
    expect(otherTool.text).toBe('some tool answered');
    const late = await llm.complete({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: 'd' },
        { role: 'user', content: 'e' },
      ],
    });
    expect(late.text).toBe('late turn');
    expect((await llm.complete(user('q', { metadata: { promptVersion: 'v2' } }))).text).toBe('v2 answer');
    expect((await llm.complete(user('q', { metadata: { promptVersion: 'v1.3' } }))).text).toBe('v1.x answer');
    expect((await llm.complete(user('q', { metadata: { promptVersion: 'v22' } }))).text).toBe('plain');
    expect((await llm.complete(user('q', { system: 'You are a pirate.' }))).text).toBe('Arr');
    expect((await llm.complete(user('q', { model: 'big-1' }))).text).toBe('big model');
  });

  it('simulates latency through the injected sleep and reports it', async () => {
    const sleep = vi.fn(async (_ms: number, _signal?: AbortSignal) => {});
    const llm = createMockLlm([{ respond: { text: 'slow', latencyMs: 1500, timeToFirstTokenMs: 300 } }], { sleep });
    const response = await llm.complete(user('hi'));
    expect(sleep).toHaveBeenCalledWith(1500, undefined);
    expect(response.latencyMs).toBe(1500);
    expect(response.timeToFirstTokenMs).toBe(300);
  });

  it('honours an abort signal while waiting', async () => {
    const llm = createMockLlm([{ respond: { text: 'slow', latencyMs: 60_000 } }]);
    const controller = new AbortController();
    const pending = llm.complete(user('hi', { signal: controller.signal }));
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });

  it('raises typed errors with kind, status, retryable and retryAfterMs', async () => {
    const llm = createMockLlm([{ name: 'quota', respond: { error: { kind: 'rate_limit', retryAfterMs: 2000 } } }], {
      sleep: noSleep,
    });
    const error = await llm.complete(user('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({
      kind: 'rate_limit',
      provider: 'mock',
      code: 'AGENT_CICD_LLM_RATE_LIMIT',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    expect((error as Error).message).toContain('"quota"');
    const auth = await createMockLlm([{ respond: { error: { kind: 'auth' } } }])
      .complete(user('hi'))
      .catch((e: unknown) => e);
    expect(auth).toMatchObject({ kind: 'auth', status: 401, retryable: false });
  });

  it('names the script and the message when no rule matches', async () => {
    const llm = createMockLlm({ name: 'tiny', rules: [{ when: { user: 'hello' }, respond: 'hi' }] });
    const error = await llm.complete(user('what is up', { metadata: { caseId: 'c-7' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCicdError);
    expect(error).toMatchObject({ code: 'AGENT_CICD_MOCK_NO_MATCH' });
    expect((error as Error).message).toContain('tiny');
    expect((error as Error).message).toContain('"what is up"');
    expect((error as Error).message).toContain('case c-7');
  });

  it('rejects an invalid TypeScript script with the field path', () => {
    expect(() => createMockLlm([{ when: { user: '/(unclosed/' }, respond: 'x' }])).toThrow(
      expect.objectContaining({
        code: 'AGENT_CICD_MOCK_SCRIPT_INVALID',
        location: expect.objectContaining({ path: 'rules[0].when.user' }),
      }),
    );
    expect(() => createMockLlm([{ respond: 'Hi {{nmae}}' }])).toThrow(/unknown placeholder \{\{nmae\}\}/);
  });
});

describe('createMockLlm non-determinism', () => {
  const flaky = [{ when: { user: 'q' }, probability: 0.8, respond: 'right', otherwise: 'wrong' }];

  async function outcomes(
    seed: number,
    trials: number,
    order: number[] = [...Array(trials).keys()],
  ): Promise<string[]> {
    const llm = createMockLlm(flaky, { seed });
    const results: string[] = new Array(trials);
    await Promise.all(
      order.map(async (trial) => {
        const response = await llm.complete(user('q', { metadata: { caseId: 'case-1', trial: String(trial) } }));
        results[trial] = response.text;
      }),
    );
    return results;
  }

  it('gives the same outcomes for the same seed, whatever the order of the trials', async () => {
    const forward = await outcomes(42, 200);
    const reversed = await outcomes(42, 200, [...Array(200).keys()].reverse());
    expect(reversed).toEqual(forward);
    expect(await outcomes(43, 200)).not.toEqual(forward);
  });

  it('answers correctly at about the configured rate', async () => {
    const results = await outcomes(1, 2000);
    const rate = results.filter((text) => text === 'right').length / results.length;
    // 2000 Bernoulli(0.8) draws: the standard error is 0.009, so ±0.04 is over 4 sigma.
    expect(rate).toBeGreaterThan(0.76);
    expect(rate).toBeLessThan(0.84);
  });

  it('without trial metadata, counts occurrences so sequential runs repeat', async () => {
    const run = async (): Promise<string[]> => {
      const llm = createMockLlm(flaky, { seed: 5 });
      const texts: string[] = [];
      for (let i = 0; i < 50; i++) texts.push((await llm.complete(user('q'))).text);
      return texts;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['right', 'wrong']));
  });

  it('falls through to the next rule when a probabilistic rule has no otherwise', async () => {
    const llm = createMockLlm([{ probability: 0, respond: 'never' }, { respond: 'next' }]);
    expect((await llm.complete(user('q'))).text).toBe('next');
  });
});

describe('loadMockScript', () => {
  it('loads the example script (snake_case aliases included) and answers from it', async () => {
    const script = await loadMockScript(weatherScript);
    expect(script.file).toBe(weatherScript);
    expect(script.rules[2]?.when.promptVersion).toBe('v2');
    const llm = createMockLlm(script, { sleep: noSleep });
    const greet = await llm.complete(user('hello', { metadata: { promptVersion: 'v2' } }));
    expect(greet.text).toBe('Hi! How can I help with the weather today?');
    expect(greet.model).toBe('mock-weather-1');
    expect((await llm.complete(user('hello'))).latencyMs).toBe(120);
    const rate = await llm.complete(user('hit the rate limit')).catch((e: unknown) => e);
    expect(rate).toMatchObject({ kind: 'rate_limit', retryAfterMs: 2000 });
  });

  it('reports file:line:col and the field path of a mistake', async () => {
    const file = fileURLToPath(new URL('../../../../fixtures/mock/invalid.mock.yaml', import.meta.url));
    const error = await loadMockScript(file).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'AGENT_CICD_MOCK_SCRIPT_INVALID',
      location: { file, line: 6, column: 11, path: 'rules[0].respond.toolCalls[0].name' },
    });
  });

  it('reports a missing file and YAML syntax errors with a location', async () => {
    await expect(loadMockScript('/nonexistent/mock.yaml')).rejects.toMatchObject({
      code: 'AGENT_CICD_FILE_NOT_FOUND',
      location: { file: '/nonexistent/mock.yaml' },
    });
    const { parseMockScript } = await import('./load-mock-script.js');
    expect(() => parseMockScript('rules:\n  - respond: [unclosed\n', 'bad.yaml')).toThrow(
      expect.objectContaining({ location: expect.objectContaining({ file: 'bad.yaml', line: expect.any(Number) }) }),
    );
    expect(() => parseMockScript('rules:\n  - respond: x\n    latencyMs: 1\n    latency_ms: 2\n', 'both.yaml')).toThrow(
      /not both|Unrecognized/,
    );
  });
});

describe('directAnswerOf', () => {
  it("is the mock's complete without the async step: a value when nothing waits, a promise when a rule sleeps", async () => {
    const sleeps: number[] = [];
    const llm = createMockLlm(
      [
        { when: { user: 'slow' }, respond: { text: 'late', latencyMs: 40 } },
        { when: { user: 'fail' }, respond: { error: { kind: 'rate_limit' } } },
        { name: 'echo', respond: 'you said {{input}}' },
      ],
      { sleep: async (ms) => void sleeps.push(ms) },
    );
    const answer = directAnswerOf(llm);
    if (!answer) throw new Error('the mock LLM has a direct answer');
    const quick = answer(user('hello'));
    expect(quick).not.toBeInstanceOf(Promise);
    expect(quick).toEqual(await llm.complete(user('hello')));
    expect(quick).toMatchObject({ text: 'you said hello', raw: { rule: 'echo', branch: 'respond' } });
    const slow = answer(user('slow'));
    expect(slow).toBeInstanceOf(Promise);
    expect(await slow).toMatchObject({ text: 'late', latencyMs: 40 });
    expect(sleeps).toEqual([40]);
    // A scripted error is thrown here, where complete rejects with the same error.
    expect(() => answer(user('fail'))).toThrow(LlmError);
    await expect(llm.complete(user('fail'))).rejects.toBeInstanceOf(LlmError);
  });

  it('is undefined for any client that is not the scripted mock', () => {
    expect(
      directAnswerOf({ provider: 'x', complete: async () => Promise.reject(new Error('unused')) }),
    ).toBeUndefined();
  });
});
