import { describe, expect, it } from 'vitest';
import { createMockBackend } from './create-mock-backend.js';
import { fallbackProtocol, MOCK_PROTOCOLS } from './mock-protocols.js';
import { modelsProtocol as protocol } from './models-protocol.js';
import type { MockServerRequest } from './request-log.js';

const entry: MockServerRequest = {
  id: 1,
  method: 'GET',
  path: '/v1/models',
  api: 'models',
  stream: false,
  offeredTools: [],
  calledTools: [],
  status: 0,
  startedAt: 0,
};
const backend = createMockBackend({ provider: 'mock', complete: () => Promise.reject(new Error('unused')) }, [
  'm1',
  'm2',
]);
const frame = { id: 'x', created: 1_700_000_000 };

describe('modelsProtocol', () => {
  it('routes GET /v1/models without a body', () => {
    expect([protocol.method, protocol.path, protocol.api, protocol.hasBody]).toEqual([
      'GET',
      '/v1/models',
      'models',
      false,
    ]);
  });

  it("lists the models in OpenAI's shape, or Anthropic's when the client sends anthropic-version", async () => {
    const openai = protocol.parse(undefined, {}, entry);
    expect(JSON.parse(protocol.render(await protocol.answer(openai, backend, entry), openai, frame))).toEqual({
      object: 'list',
      data: [
        { id: 'm1', object: 'model', created: 1_700_000_000, owned_by: 'agent-cicd-mock' },
        { id: 'm2', object: 'model', created: 1_700_000_000, owned_by: 'agent-cicd-mock' },
      ],
    });
    const anthropic = protocol.parse(undefined, { 'anthropic-version': '2023-06-01' }, entry);
    expect(JSON.parse(protocol.render(await protocol.answer(anthropic, backend, entry), anthropic, frame))).toEqual({
      data: [
        { type: 'model', id: 'm1', display_name: 'm1', created_at: '2023-11-14T22:13:20.000Z' },
        { type: 'model', id: 'm2', display_name: 'm2', created_at: '2023-11-14T22:13:20.000Z' },
      ],
      has_more: false,
      first_id: 'm1',
      last_id: 'm2',
    });
  });
});

describe('MOCK_PROTOCOLS', () => {
  it('has one protocol per path, and 404s take the Anthropic shape only for Anthropic clients', () => {
    const paths = MOCK_PROTOCOLS.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(['/v1/chat/completions', '/v1/messages', '/v1/embeddings', '/v1/models']);
    expect(fallbackProtocol({ 'anthropic-version': '2023-06-01' }).api).toBe('anthropic');
    expect(fallbackProtocol({}).api).toBe('openai');
  });
});
