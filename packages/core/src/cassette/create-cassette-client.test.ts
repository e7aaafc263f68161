import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LlmClient, LlmRequest } from '../llm/types.js';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { createCassetteClient, resolveCassetteMode } from './create-cassette-client.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-'));
});

const countingMock = (): LlmClient & { calls: number } => {
  const mock = createMockLlm(
    [
      { when: { user: 'weather' }, respond: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] } },
      { respond: { text: 'echo: {{input}}', latencyMs: 250 } },
    ],
    { sleep: async () => {} },
  );
  const client = {
    provider: 'mock',
    calls: 0,
    complete: (request: LlmRequest) => {
      client.calls++;
      return mock.complete(request);
    },
  };
  return client;
};

const ask = (content: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
  model: 'm-1',
  system: 'You are terse.',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('createCassetteClient', () => {
  it('records, then replays the same response without calling the model', async () => {
    const file = join(dir, 'one.cassette.json');
    const inner = countingMock();
    const recorder = createCassetteClient({ inner, mode: 'record', file });
    const recorded = [await recorder.complete(ask('hello')), await recorder.complete(ask('weather?'))];
    expect(inner.calls).toBe(2);

    const replayInner = countingMock();
    const player = createCassetteClient({ inner: replayInner, mode: 'replay', file });
    const replayed = [await player.complete(ask('hello')), await player.complete(ask('weather?'))];
    expect(replayInner.calls).toBe(0);
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(recorded));
    expect(replayed[0]?.latencyMs).toBe(250);
    expect(replayed[1]?.toolCalls).toEqual([
      { id: 'call_mock_1_0', name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
  });

  it('writes readable JSON with sorted keys, one entry per key, and no temporary files', async () => {
    const file = join(dir, 'sorted.cassette.json');
    const client = createCassetteClient({ inner: countingMock(), mode: 'record', file });
    await client.complete(ask('b'));
    await client.complete(ask('a'));
    await client.complete(ask('a'));
    const text = await readFile(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const data = JSON.parse(text);
    expect(Object.keys(data)).toEqual(['entries', 'version']);
    const keys = Object.keys(data.entries);
    expect(keys).toHaveLength(2);
    expect(keys).toEqual([...keys].sort());
    const entry = data.entries[keys[0] as string];
    expect(Object.keys(entry.request)).toEqual([...Object.keys(entry.request)].sort());
    expect(entry.request).toMatchObject({ provider: 'mock', model: 'm-1', system: 'You are terse.' });
    expect(await readdir(dir)).toEqual(['sorted.cassette.json']);
    // Recording the same answers again gives the same bytes.
    await createCassetteClient({ inner: countingMock(), mode: 'record', file }).complete(ask('a'));
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('keys on the canonical request, not on metadata, signal or stream', async () => {
    const file = join(dir, 'keys.cassette.json');
    await createCassetteClient({ inner: countingMock(), mode: 'record', file }).complete(ask('hi'));
    const player = createCassetteClient({ inner: countingMock(), mode: 'replay', file });
    await expect(
      player.complete(
        ask('hi', { metadata: { caseId: 'x', trial: '3' }, stream: true, signal: new AbortController().signal }),
      ),
    ).resolves.toMatchObject({ text: 'echo: hi' });
    await expect(player.complete(ask('hi', { temperature: 0.5 }))).rejects.toMatchObject({
      code: 'AGENT_CICD_CASSETTE_MISS',
    });
    await expect(player.complete(ask('hi', { model: 'm-2' }))).rejects.toMatchObject({
      code: 'AGENT_CICD_CASSETTE_MISS',
    });
  });

  it('names the case and how to record on a replay miss', async () => {
    const player = createCassetteClient({ inner: countingMock(), mode: 'replay', dir });
    const error = await player.complete(ask('new', { metadata: { caseId: 'refund-42' } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AGENT_CICD_CASSETTE_MISS' });
    expect((error as Error).message).toMatch(/case "refund-42".*AGENT_CICD_CASSETTE=record or --cassette record/);
    expect((error as Error).message).toContain(join(dir, 'refund-42.cassette.json'));
  });

  it('in auto mode replays hits and records misses; off passes through', async () => {
    const inner = countingMock();
    const auto = createCassetteClient({ inner, mode: 'auto', dir });
    await auto.complete(ask('one', { metadata: { caseId: 'c1' } }));
    await auto.complete(ask('one', { metadata: { caseId: 'c1' } }));
    await auto.complete(ask('two', { metadata: { caseId: 'c2' } }));
    expect(inner.calls).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['c1.cassette.json', 'c2.cassette.json']);
    const off = createCassetteClient({ inner, mode: 'off', file: join(dir, 'never.json') });
    await off.complete(ask('one'));
    expect(inner.calls).toBe(3);
    expect(await readdir(dir)).not.toContain('never.json');
  });

  it('never writes secrets: key patterns, bearer tokens, configured values, credential fields', async () => {
    const planted = 'sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
    const configured = 'corp-secret-value-123';
    const leaky: LlmClient = {
      provider: 'leaky',
      complete: async (request) => ({
        text: `you said ${request.messages[0]?.content}; Authorization: Bearer abc.def.ghijklmnop`,
        toolCalls: [{ id: 't1', name: 'call_api', arguments: { apiKey: 'plain-looking', token: configured } }],
        usage: { inputTokens: 1, outputTokens: 2 },
        latencyMs: 3,
        model: 'leaky-1',
        finishReason: 'stop',
        raw: {
          headers: { authorization: 'whatever', 'x-api-key': 'k' },
          anthropicKey: 'sk-ant-api03-abcdefghijklmnop',
        },
      }),
    };
    const file = join(dir, 'secrets.cassette.json');
    const client = createCassetteClient({ inner: leaky, mode: 'record', file, secrets: [configured, planted] });
    await client.complete(ask(`my key is ${planted} and ${configured}`, { system: `use ${planted}` }));
    const text = await readFile(file, 'utf8');
    for (const secret of [
      planted,
      configured,
      'sk-live',
      'abc.def.ghijklmnop',
      'plain-looking',
      'whatever',
      'sk-ant-',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('Bearer [REDACTED]');
    expect(text).toContain('[REDACTED]');
    // The redacted request still replays: the key is computed after redaction.
    const replay = createCassetteClient({ inner: leaky, mode: 'replay', file, secrets: [configured] });
    await expect(
      replay.complete(ask(`my key is ${planted} and ${configured}`, { system: `use ${planted}` })),
    ).resolves.toMatchObject({
      model: 'leaky-1',
    });
  });

  it('keeps every entry when many calls record concurrently into one file', async () => {
    const file = join(dir, 'busy.cassette.json');
    const a = createCassetteClient({ inner: countingMock(), mode: 'record', file });
    const b = createCassetteClient({ inner: countingMock(), mode: 'record', file });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).complete(ask(`q${i}`))));
    const data = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(data.entries)).toHaveLength(40);
    expect(await readdir(dir)).toEqual(['busy.cassette.json']);
  });

  it("keeps the highest trial's answer for a request every trial sends, whichever finished last", async () => {
    const file = join(dir, 'trials.cassette.json');
    let answer = '';
    const inner: LlmClient = {
      provider: 'mock',
      complete: async () => ({ ...(await countingMock().complete(ask('x'))), text: answer }),
      embed: async () => ({ vectors: [[Number(answer)]], usage: { inputTokens: 1 }, model: 'e-1', latencyMs: 0 }),
    };
    const client = createCassetteClient({ inner, mode: 'record', file });
    const trial = (n: number) => ({ metadata: { caseId: 'c1', trial: String(n) } });
    for (const n of [2, 0, 1]) {
      answer = String(n);
      await client.complete(ask('same question', trial(n)));
      await client.embed?.({ input: ['same text'], ...trial(n) });
    }
    const data = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.values(data.entries).map((entry) => (entry as { response: { text: string } }).response.text)).toEqual(
      ['2'],
    );
    expect(
      Object.values(data.embeddings).map((entry) => (entry as { response: { vectors: number[][] } }).response.vectors),
    ).toEqual([[[2]]]);
  });

  it('waits the recorded latency on replay only when asked', async () => {
    const file = join(dir, 'slow.cassette.json');
    await createCassetteClient({ inner: countingMock(), mode: 'record', file }).complete(ask('slow'));
    const sleep = vi.fn(async () => {});
    await createCassetteClient({ inner: countingMock(), mode: 'replay', file, sleep }).complete(ask('slow'));
    expect(sleep).not.toHaveBeenCalled();
    await createCassetteClient({ inner: countingMock(), mode: 'replay', file, sleep, replayLatency: true }).complete(
      ask('slow'),
    );
    expect(sleep).toHaveBeenCalledWith(250, undefined);
  });

  it('rejects a malformed cassette and bad options', async () => {
    const file = join(dir, 'bad.cassette.json');
    await writeFile(file, '{"version": 2, "entries": {}}');
    await expect(
      createCassetteClient({ inner: countingMock(), mode: 'replay', file }).complete(ask('x')),
    ).rejects.toMatchObject({
      code: 'AGENT_CICD_CASSETTE_INVALID',
      location: { file },
    });
    expect(() => createCassetteClient({ inner: countingMock(), mode: 'replay' })).toThrow(
      /exactly one of `file` or `dir`/,
    );
  });
});

describe('resolveCassetteMode', () => {
  it('prefers the flag, then AGENT_CICD_CASSETTE, then the fallback, and rejects unknown modes', () => {
    expect(resolveCassetteMode({ flag: 'record', env: { AGENT_CICD_CASSETTE: 'replay' } })).toBe('record');
    expect(resolveCassetteMode({ env: { AGENT_CICD_CASSETTE: 'replay' } })).toBe('replay');
    expect(resolveCassetteMode({ env: {}, fallback: 'auto' })).toBe('auto');
    expect(resolveCassetteMode({})).toBe('off');
    expect(() => resolveCassetteMode({ flag: 'rec' })).toThrow(/unknown cassette mode "rec"/);
  });
});
