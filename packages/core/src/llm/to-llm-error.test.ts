import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { LlmError } from '../errors.js';
import { parseRetryAfter } from './retry-after.js';
import { toLlmError } from './to-llm-error.js';

const headers = (record: Record<string, string>) => new Headers(record);

describe('toLlmError', () => {
  it('maps OpenAI context_length_exceeded by code, whatever the status', () => {
    const sdkError = OpenAI.APIError.generate(
      400,
      {
        error: {
          message: 'maximum context length is 128000 tokens',
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      },
      undefined,
      headers({}),
    );
    expect(toLlmError(sdkError, { provider: 'openai' })).toMatchObject({
      kind: 'context_length',
      retryable: false,
      status: 400,
      code: 'AGENT_CICD_LLM_CONTEXT_LENGTH',
    });
  });

  it('maps an Anthropic error event inside a 200 stream (no status) by its type', () => {
    // what the SDK's stream reader throws for `event: error`
    const sdkError = new Anthropic.APIError(
      undefined,
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      undefined,
      new Headers(),
      'overloaded_error',
    );
    expect(toLlmError(sdkError, { provider: 'anthropic' })).toMatchObject({ kind: 'overloaded', retryable: true });
  });

  it.each([
    [500, 'server', true],
    [502, 'server', true],
    [503, 'overloaded', true],
    [529, 'overloaded', true],
    [408, 'timeout', true],
    [409, 'server', true],
    [403, 'auth', false],
    [422, 'invalid_request', false],
  ] as const)('maps a bare HTTP %i to %s', (status, kind, retryable) => {
    const sdkError = OpenAI.APIError.generate(status, undefined, undefined, headers({}));
    expect(toLlmError(sdkError, { provider: 'openai' })).toMatchObject({ kind, retryable, status });
  });

  it('maps connection failures, SDK timeouts and garbled bodies', () => {
    expect(
      toLlmError(new OpenAI.APIConnectionError({ message: 'Connection error.' }), { provider: 'openai' }),
    ).toMatchObject({
      kind: 'network',
      retryable: true,
    });
    expect(toLlmError(new Anthropic.APIConnectionTimeoutError(), { provider: 'anthropic' })).toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
    expect(toLlmError(new SyntaxError('Unexpected token'), { provider: 'openai' })).toMatchObject({
      kind: 'invalid_response',
    });
    expect(
      toLlmError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), { provider: 'x' }),
    ).toMatchObject({
      kind: 'network',
    });
    expect(toLlmError(new Error('boom'), { provider: 'x' })).toMatchObject({ kind: 'unknown', retryable: false });
  });

  it('writes one actionable line and keeps the cause', () => {
    const sdkError = OpenAI.APIError.generate(
      429,
      { error: { message: 'Rate limit reached for gpt-4', type: 'tokens', code: 'rate_limit_exceeded' } },
      undefined,
      headers({ 'retry-after-ms': '1500' }),
    );
    const error = toLlmError(sdkError, { provider: 'openai' });
    expect(error.message).toBe('openai rate limited (HTTP 429): Rate limit reached for gpt-4');
    expect(error.retryAfterMs).toBe(1500);
    expect(error.cause).toBe(sdkError);
    expect(toLlmError(error, { provider: 'other' })).toBe(error);
    expect(error).toBeInstanceOf(LlmError);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-26T08:00:00Z');
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '120', 'retry-after': '9' }, 120],
    [{ 'retry-after': 'Thu, 26 Nov 2026 08:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Thu, 26 Nov 2026 07:59:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after-ms': 'x' }, undefined],
    [{}, undefined],
  ])('%j → %s ms', (record, expected) => {
    expect(parseRetryAfter(headers(record), now)).toBe(expected);
    expect(parseRetryAfter(record, now)).toBe(expected);
  });
});
