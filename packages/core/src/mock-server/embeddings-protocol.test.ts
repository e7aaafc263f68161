import { describe, expect, it } from 'vitest';
import type { EmbeddingRequest, LlmClient } from '../llm/types.js';
import { createMockBackend } from './create-mock-backend.js';
import { embeddingsProtocol as protocol } from './embeddings-protocol.js';
import type { MockServerRequest } from './request-log.js';

const entry = (): MockServerRequest => ({
  id: 1,
  method: 'POST',
  path: '/v1/embeddings',
  api: 'embeddings',
  stream: false,
  offeredTools: [],
  calledTools: [],
  status: 0,
  startedAt: 0,
});

describe('embeddingsProtocol', () => {
  it('routes POST /v1/embeddings in the OpenAI shape, without faults', () => {
    expect([protocol.method, protocol.path, protocol.api, protocol.requestIdHeader]).toEqual([
      'POST',
      '/v1/embeddings',
      'embeddings',
      'x-request-id',
    ]);
    expect(protocol.faultContext).toBeUndefined();
    expect(protocol.stream).toBeUndefined();
  });

  it('parses a string or a list of strings, with the model and the case id label', () => {
    const log = entry();
    expect(protocol.parse({ input: 'a', model: 'emb' }, { 'x-agent-cicd-case-id': 'c%2F1' }, log)).toEqual({
      input: ['a'],
      model: 'emb',
      metadata: { caseId: 'c/1' },
    });
    expect(log).toMatchObject({ model: 'emb', caseId: 'c/1' });
    expect(protocol.parse({ input: ['a', 'b'] }, { 'x-agent-cicd-trial': '1' }, entry())).toEqual({
      input: ['a', 'b'],
    });
  });

  it('rejects an empty or non-string input', () => {
    for (const body of [{ input: [] }, { input: [1] }, {}, null, 'text']) {
      expect(() => protocol.parse(body, {}, entry())).toThrow('"input" must be a string or a non-empty list');
    }
  });

  it('answers with the client embed, or a 404 when it has none, and renders the OpenAI list', async () => {
    const seen: EmbeddingRequest[] = [];
    const llm: LlmClient = {
      provider: 'mock',
      complete: () => Promise.reject(new Error('unused')),
      embed: async (request) => {
        seen.push(request);
        return { vectors: [[0.6, 0.8]], model: 'emb', usage: { inputTokens: 2 }, latencyMs: 0 };
      },
    };
    const answer = await protocol.answer({ input: ['a'] }, createMockBackend(llm, []), entry());
    expect(seen).toEqual([{ input: ['a'] }]);
    expect(JSON.parse(protocol.render(answer, { input: ['a'] }, { id: 'x', created: 0 }))).toEqual({
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.6, 0.8] }],
      model: 'emb',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    const none = await Promise.resolve()
      .then(() =>
        protocol.answer({ input: ['a'] }, createMockBackend({ provider: 'x', complete: llm.complete }, []), entry()),
      )
      .catch((error: unknown) => error);
    expect(none).toMatchObject({ status: 404, message: 'this mock server has no embeddings model' });
  });
});
