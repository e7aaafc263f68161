import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCassetteClient } from '../cassette/create-cassette-client.js';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { type MockServer, startMockServer } from '../mock-server/start-mock-server.js';
import { cosineSimilarity, mockEmbedding } from './embeddings.js';
import { createOpenAiClient } from './openai-client.js';
import { parseEmbeddingResponse } from './parse-embedding-response.js';
import { DEFAULT_PRICE_TABLE } from './prices.js';

describe('embeddings', () => {
  let server: MockServer;
  let dir: string;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, warn: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'embeddings-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('cosine similarity: 1 for the same direction, 0 for orthogonal or zero vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(RangeError);
  });

  it('the mock embedding is deterministic and unit length', () => {
    const a = mockEmbedding('Where is my order?');
    expect(a).toEqual(mockEmbedding('where is my ORDER'));
    expect(Math.hypot(...a)).toBeCloseTo(1, 12);
  });

  it('the official openai SDK gets the mock embeddings from the mock server (/v1/embeddings)', async () => {
    const client = createOpenAiClient({ baseURL: `${server.url}/v1`, apiKey: 'test', model: 'mock' });
    const response = await client.embed?.({ input: ['order shipped', 'refund'] });
    expect(response?.vectors).toEqual([mockEmbedding('order shipped'), mockEmbedding('refund')]);
    expect(response?.usage.inputTokens).toBeGreaterThan(0);
    expect(server.requests.at(-1)).toMatchObject({ api: 'embeddings', status: 200 });
  });

  it('cassettes record embeddings and replay them without the provider', async () => {
    const file = join(dir, 'e.cassette.json');
    const recorder = createCassetteClient({ inner: createMockLlm([{ respond: 'x' }]), mode: 'record', file });
    const recorded = await recorder.embed?.({ input: ['hello world'], metadata: { caseId: 'c' } });
    expect(JSON.parse(await readFile(file, 'utf8')).embeddings).toBeDefined();
    const offline = {
      provider: 'mock',
      complete: () => Promise.reject(new Error('offline')),
      embed: () => Promise.reject(new Error('offline')),
    };
    const replayer = createCassetteClient({ inner: offline, mode: 'replay', file });
    expect(await replayer.embed?.({ input: ['hello world'] })).toEqual(recorded);
    await expect(replayer.embed?.({ input: ['other'] })).rejects.toMatchObject({ code: 'AGENT_CICD_CASSETTE_MISS' });
  });

  it('a malformed embeddings body is invalid_response, never a partial vector list', () => {
    const context = {
      provider: 'openai',
      model: 'text-embedding-3-small',
      count: 2,
      latencyMs: 1,
      prices: DEFAULT_PRICE_TABLE,
    };
    const vector = { index: 0, embedding: [0.1, 0.2] };
    for (const body of [
      null,
      {},
      { data: [vector] },
      { data: [vector, { index: 0, embedding: [0.1, 0.2] }] },
      { data: [vector, { index: 1, embedding: [0.1] }] },
      { data: [vector, { index: 1, embedding: [] }] },
      { data: [vector, { index: 1, embedding: ['a', 'b'] }] },
    ]) {
      expect(() => parseEmbeddingResponse(body, context), JSON.stringify(body)).toThrow(
        expect.objectContaining({ kind: 'invalid_response' }),
      );
    }
    const ok = parseEmbeddingResponse(
      { data: [{ index: 1, embedding: [3, 4] }, vector], usage: { prompt_tokens: 1_000_000 } },
      context,
    );
    expect(ok.vectors).toEqual([
      [0.1, 0.2],
      [3, 4],
    ]);
    expect(ok.costUsd).toBeCloseTo(0.02, 12);
  });
});
