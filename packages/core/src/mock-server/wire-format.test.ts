import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LlmResponse } from '../llm/types.js';
import {
  anthropicErrorBody,
  anthropicMessageJson,
  llmToAnthropicMessage,
  llmToAnthropicStream,
} from './anthropic-wire.js';
import { llmToOpenAiCompletion, llmToOpenAiStream, openAiCompletionJson, openAiErrorBody } from './openai-wire.js';

// Real responses recorded from the live APIs (see fixtures/real-api/README.md); our frames must have their shape.
const real = (name: string): string =>
  readFileSync(new URL(`../../../../fixtures/real-api/${name}`, import.meta.url), 'utf8');
const keys = (value: unknown): string[] => Object.keys(value as object).sort();
const dataLines = (sse: string): string[] =>
  sse
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6));
const eventTypes = (sse: string): string[] =>
  sse
    .split('\n')
    .filter((line) => line.startsWith('event: '))
    .map((line) => line.slice(7))
    .filter((type, i, all) => type !== all[i - 1]);

const response: LlmResponse = {
  text: 'Let me check the weather for you.',
  toolCalls: [
    { id: 'call_1', name: 'get_current_weather', arguments: { location: 'Seattle, WA' } },
    { id: 'call_2', name: 'get_current_weather', arguments: { location: 'San Francisco, CA' } },
  ],
  usage: { inputTokens: 75, outputTokens: 51 },
  latencyMs: 0,
  model: 'gpt-4o-mini',
  finishReason: 'tool_calls',
};

describe('wire format matches the real APIs', () => {
  it('OpenAI chat.completion: same fields as a recorded tool-call response', () => {
    const recorded = JSON.parse(real('openai-chat-tool-calls.json'));
    const ours = llmToOpenAiCompletion({ ...response, text: '' }, { id: 'chatcmpl-x', created: 1 });
    expect(keys(ours)).toEqual(keys(recorded));
    const [ourChoice] = ours.choices as Array<{ message: { content: unknown; tool_calls: unknown[] } }>;
    expect(keys(ourChoice)).toEqual(keys(recorded.choices[0]));
    expect(keys(ourChoice?.message)).toEqual(keys(recorded.choices[0].message));
    expect(ourChoice?.message.content).toBeNull();
    const ourCall = ourChoice?.message.tool_calls[0];
    expect(keys(ourCall)).toEqual(keys(recorded.choices[0].message.tool_calls[0]));
  });

  it('OpenAI stream: same chunk fields, tool-call deltas, usage chunk and [DONE] as a recorded stream', () => {
    const recorded = dataLines(real('openai-chat-stream-tool-calls.sse'));
    const ours = dataLines(
      llmToOpenAiStream({ ...response, text: '' }, { id: 'chatcmpl-x', created: 1 }, true).join(''),
    );
    expect(ours.at(-1)).toBe('[DONE]');
    expect(recorded.at(-1)).toBe('[DONE]');
    const parse = (lines: string[]) => lines.slice(0, -1).map((line) => JSON.parse(line));
    const [realChunks, ourChunks] = [parse(recorded), parse(ours)];
    expect(keys(ourChunks[0])).toEqual(keys(realChunks[0]));
    expect(keys(ourChunks[0].choices[0])).toEqual(keys(realChunks[0].choices[0]));
    const firstToolDelta = (chunks: Array<{ choices: Array<{ delta: { tool_calls?: unknown[] } }> }>) =>
      chunks.find((chunk) => chunk.choices[0]?.delta.tool_calls)?.choices[0]?.delta.tool_calls?.[0];
    expect(firstToolDelta(ourChunks)).toMatchObject({ index: 0, id: 'call_1', type: 'function' });
    expect(keys(firstToolDelta(ourChunks))).toEqual(keys(firstToolDelta(realChunks)));
    const finish = (chunks: Array<{ choices: Array<{ finish_reason: string | null; delta: object }> }>) =>
      chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish(ourChunks)?.choices[0]).toMatchObject({ finish_reason: 'tool_calls', delta: {} });
    expect(finish(realChunks)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(ourChunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 75, completion_tokens: 51, total_tokens: 126 },
    });
    expect(realChunks.at(-1)).toMatchObject({ choices: [] });
  });

  it('Anthropic message: same fields as a recorded text + tool_use response', () => {
    const recorded = JSON.parse(real('anthropic-messages-text-and-tool-use.json'));
    const ours = llmToAnthropicMessage({ ...response, toolCalls: response.toolCalls.slice(0, 1) }, 'msg_x');
    expect(keys(ours)).toEqual(keys(recorded));
    expect((ours.content as Array<{ type: string }>).map((block) => block.type)).toEqual(['text', 'tool_use']);
    expect(keys((ours.content as unknown[])[1])).toEqual(keys(recorded.content[1]));
    expect(ours.stop_reason).toBe(recorded.stop_reason);
    expect(keys(ours.usage)).toEqual(keys(recorded.usage));
  });

  it('Anthropic stream: the same event sequence as a recorded text + tool_use stream', () => {
    const recorded = real('anthropic-messages-stream-text-and-tool-use.sse');
    const ours = llmToAnthropicStream({ ...response, toolCalls: response.toolCalls.slice(0, 1) }, 'msg_x').join('');
    expect(eventTypes(ours)).toEqual(eventTypes(recorded));
    // Each `event:` name equals the `type` of its data, as in the real stream.
    const frames = ours.split('\n\n').filter(Boolean);
    for (const frame of frames) {
      const [event, data] = frame.split('\n');
      expect(JSON.parse(data?.slice(6) ?? '').type).toBe(event?.slice(7));
    }
    const lastDelta = dataLines(recorded)
      .map((line) => JSON.parse(line))
      .find((event) => event.type === 'message_delta');
    const ourDelta = dataLines(ours)
      .map((line) => JSON.parse(line))
      .find((event) => event.type === 'message_delta');
    expect(keys(ourDelta.delta)).toEqual(keys(lastDelta.delta));
  });

  it('error bodies have the recorded shapes', () => {
    for (const [file, status] of [
      ['anthropic-messages-error-429-rate-limit.json', 429],
      ['anthropic-messages-error-529-overloaded.json', 529],
      ['anthropic-messages-error-401-authentication.json', 401],
    ] as const) {
      const recorded = JSON.parse(real(file));
      const ours = anthropicErrorBody(status, 'x', 'req_1');
      expect(keys(ours)).toEqual(keys(recorded));
      expect((ours.error as { type: string }).type).toBe(recorded.error.type);
    }
    const recorded = JSON.parse(real('openai-chat-error-429-rate-limit.json'));
    const ours = openAiErrorBody(429, 'x');
    expect(keys(ours.error)).toEqual(keys(recorded.error));
    expect((ours.error as { code: string }).code).toBe(recorded.error.code);
  });
});

describe('hand-written JSON bodies', () => {
  const variants: LlmResponse[] = [
    response,
    { ...response, text: '' },
    { ...response, toolCalls: [], finishReason: 'stop', text: 'Quote " backslash \\ newline \n emoji 🙂 \u2028' },
    { ...response, toolCalls: [], text: '', finishReason: 'length' },
    { ...response, toolCalls: [], finishReason: 'error', model: 'm\u0000' },
    // Not the plain shape: the writers fall back to JSON.stringify of the object form.
    { ...response, usage: { inputTokens: Number.NaN, outputTokens: 1 } },
    { ...response, model: undefined as unknown as string },
    { ...response, finishReason: 'unknown' as LlmResponse['finishReason'] },
  ];
  const withRule = (body: Record<string, unknown>, rule: string | undefined) =>
    JSON.stringify(rule === undefined ? body : { ...body, agent_cicd_mock: { rule } });

  it('are byte-identical to JSON.stringify of the object form, with and without the answering rule', () => {
    for (const variant of variants) {
      for (const rule of [undefined, 'rules[0]', '"quoted" rule']) {
        const frame = { id: 'chatcmpl-mock000001', created: 1_700_000_000 };
        expect(openAiCompletionJson(variant, frame, rule)).toBe(withRule(llmToOpenAiCompletion(variant, frame), rule));
        expect(anthropicMessageJson(variant, 'msg_mock000001', rule)).toBe(
          withRule(llmToAnthropicMessage(variant, 'msg_mock000001'), rule),
        );
      }
    }
  });

  it('reuse the last text-only answer only when the text, model, finish reason, counts and rule are the same', () => {
    const plain: LlmResponse = { ...response, toolCalls: [], finishReason: 'stop' };
    const sequence: Array<[LlmResponse, string | undefined]> = [
      [plain, 'rules[0]'],
      [plain, 'rules[0]'],
      [{ ...plain, text: 'Another answer.' }, 'rules[0]'],
      [{ ...plain, text: 'Another answer.' }, 'rules[1]'],
      [{ ...plain, text: 'Another answer.' }, undefined],
      [{ ...plain, text: 'Another answer.', model: 'gpt-4o' }, undefined],
      [{ ...plain, text: 'Another answer.', model: 'gpt-4o', finishReason: 'length' }, undefined],
      [{ ...plain, text: 'Another answer.', model: 'gpt-4o', usage: { inputTokens: 1, outputTokens: 2 } }, undefined],
      [response, 'rules[0]'],
      [plain, 'rules[0]'],
    ];
    for (const [index, [variant, rule]] of sequence.entries()) {
      const frame = { id: `chatcmpl-mock00000${index}`, created: 1_700_000_000 + index };
      expect(openAiCompletionJson(variant, frame, rule)).toBe(withRule(llmToOpenAiCompletion(variant, frame), rule));
      expect(anthropicMessageJson(variant, `msg_mock00000${index}`, rule)).toBe(
        withRule(llmToAnthropicMessage(variant, `msg_mock00000${index}`), rule),
      );
    }
  });
});
