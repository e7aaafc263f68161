import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCassetteClient } from '../cassette/create-cassette-client.js';
import { createAnthropicClient } from '../llm/anthropic-client.js';
import { createOpenAiClient } from '../llm/openai-client.js';
import type { LlmClient, LlmRequest, LlmResponse } from '../llm/types.js';
import { startMockServer } from './start-mock-server.js';

const PLANTED_KEY = 'sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const CONFIG_SECRET = 'tenant-secret-7731-alpha';

const requests: LlmRequest[] = [
  { system: 'You are a weather bot.', messages: [{ role: 'user', content: `hello, my key is ${PLANTED_KEY}` }] },
  {
    messages: [{ role: 'user', content: `weather in Oslo? (token ${CONFIG_SECRET})` }],
    tools: [
      {
        name: 'get_weather',
        description: 'Weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ],
    temperature: 0,
  },
  { messages: [{ role: 'user', content: 'stream a short greeting' }], stream: true, maxTokens: 64 },
];

async function recordAndReplay(makeClient: (baseURL: string) => LlmClient, base: (url: string) => string) {
  const file = join(await mkdtemp(join(tmpdir(), 'record-through-')), 'weather.cassette.json');
  const server = await startMockServer({
    port: 0,
    script: {
      rules: [
        { when: { user: 'weather' }, respond: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] } },
        { when: { user: 'hello' }, respond: 'Hello! Never share keys.' },
        { respond: 'Hi! You said: {{input}}' },
      ],
    },
  });
  let recorded: LlmResponse[];
  try {
    const recorder = createCassetteClient({
      inner: makeClient(base(server.url)),
      mode: 'record',
      file,
      secrets: [CONFIG_SECRET],
    });
    recorded = [];
    for (const request of requests) recorded.push(await recorder.complete(request));
  } finally {
    await server.close();
  }
  // The server is gone: any real call would fail, so these answers can only come from the cassette.
  const player = createCassetteClient({
    inner: makeClient(base(server.url)),
    mode: 'replay',
    file,
    secrets: [CONFIG_SECRET],
  });
  const replayed: LlmResponse[] = [];
  for (const request of requests) replayed.push(await player.complete(request));
  await expect(makeClient(base(server.url)).complete(requests[0] as LlmRequest)).rejects.toMatchObject({
    kind: 'network',
  });
  return { file, recorded, replayed };
}

describe('cassettes recorded through the mock server with the real adapters', () => {
  it('openai adapter: replays byte-identically offline, and planted keys never reach the file', async () => {
    const { file, recorded, replayed } = await recordAndReplay(
      (baseURL) => createOpenAiClient({ model: 'gpt-4o-mini', baseURL, apiKey: PLANTED_KEY, maxRetries: 0 }),
      (url) => `${url}/v1`,
    );
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(recorded));
    expect(replayed[1]?.toolCalls).toEqual([{ id: 'call_mock_1_0', name: 'get_weather', arguments: { city: 'Oslo' } }]);
    expect(replayed[2]?.text).toBe('Hi! You said: stream a short greeting');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PLANTED_KEY);
    expect(text).not.toContain('sk-live');
    expect(text).not.toContain(CONFIG_SECRET);
    expect(text).toContain('[REDACTED]');
  });

  it('anthropic adapter: the same, over /v1/messages', async () => {
    const { file, recorded, replayed } = await recordAndReplay(
      (baseURL) => createAnthropicClient({ model: 'claude-haiku-4-5', baseURL, apiKey: PLANTED_KEY, maxRetries: 0 }),
      (url) => url,
    );
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(recorded));
    expect(replayed[0]?.text).toBe('Hello! Never share keys.');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PLANTED_KEY);
    expect(text).not.toContain(CONFIG_SECRET);
  });
});
