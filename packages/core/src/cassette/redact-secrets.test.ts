import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact-secrets.js';

describe('createRedactor', () => {
  it('redacts key-shaped tokens, bearer tokens and configured values anywhere', () => {
    const redact = createRedactor({ secrets: ['hunter2-long'], redact: [/internal-\d+/] });
    expect(
      redact({
        a: ['key sk-proj-ABCDEF123456 and sk-ant-api03-xyzxyzxyz', { b: 'Bearer eyJhbGciOi.payload.sig' }],
        c: 'pw hunter2-long, id internal-42, ghp_abcdefghijklmnopqrstuvwxyz',
      }),
    ).toEqual({
      a: [`key ${REDACTED} and ${REDACTED}`, { b: `Bearer ${REDACTED}` }],
      c: `pw ${REDACTED}, id ${REDACTED}, ${REDACTED}`,
    });
  });

  it('redacts credential fields by name but leaves token counts and ordinary text alone', () => {
    const redact = createRedactor();
    expect(
      redact({
        headers: { Authorization: 'x', 'X-Api-Key': 'y', 'content-type': 'json' },
        config: { apiKey: 'z', api_key: 'z', clientSecret: 'q' },
        usage: { inputTokens: 5, outputTokens: 7, maxTokens: 9 },
        text: 'ask for a task-list, skip it',
      }),
    ).toEqual({
      headers: { Authorization: REDACTED, 'X-Api-Key': REDACTED, 'content-type': 'json' },
      config: { apiKey: REDACTED, api_key: REDACTED, clientSecret: REDACTED },
      usage: { inputTokens: 5, outputTokens: 7, maxTokens: 9 },
      text: 'ask for a task-list, skip it',
    });
  });
});
