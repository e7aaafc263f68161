import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, type MockServer, startMockServer } from './start-mock-server.js';

function call(
  server: MockServer,
  path: string,
  host: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += String(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe('mock server containment', () => {
  it('answers only loopback Host names (DNS-rebinding guard)', async () => {
    expect((await call(server, '/_mock/requests', 'evil.example')).status).toBe(403);
    expect((await call(server, '/_mock/requests', `evil.example:${server.port}`)).status).toBe(403);
    expect((await call(server, '/v1/models', '127.0.0.1.nip.io')).status).toBe(403);
    expect((await call(server, '/_mock/requests', `localhost:${server.port}`)).status).toBe(200);
    expect((await call(server, '/_mock/requests', `127.0.0.1:${server.port}`)).status).toBe(200);
    expect(isLoopbackHost('[::1]:8787')).toBe(true);
    expect(isLoopbackHost('app.localhost')).toBe(true);
    expect(isLoopbackHost(undefined)).toBe(false);
    expect(isLoopbackHost('127.0.0.1.evil.example')).toBe(false);
  });

  it('redacts secrets in /_mock/requests', async () => {
    const key = 'sk-proj-PLANTEDmockServerKey123456';
    const answer = await call(server, '/v1/chat/completions', `localhost:${server.port}`, {
      model: 'mock',
      messages: [{ role: 'user', content: `my key is ${key}` }],
    });
    expect(answer.status).toBe(200);
    const log = await call(server, '/_mock/requests', `localhost:${server.port}`);
    expect(log.text).toContain('[REDACTED]');
    expect(log.text).not.toContain(key);
  });
});
