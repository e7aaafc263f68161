import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

/** A Prometheus HTTP API double: answers `sum(increase(...[W]))` from a table keyed by errors/requests and window. */
let server: Server;
let url: string;
const table: Record<string, Record<string, number>> = {
  ok: { 'requests:30d': 1_000_000, 'errors:30d': 2_000, 'requests:1h': 1_000, 'errors:1h': 10 },
  bad: { 'requests:30d': 1_000_000, 'errors:30d': 9_000, 'requests:1h': 1_000, 'errors:1h': 50 },
};
const queries: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const query = new URLSearchParams(body).get('query') ?? '';
      queries.push(query);
      const app = /app="(\w+)"/.exec(query)?.[1] ?? '';
      const key = `${query.includes('status=~') ? 'errors' : 'requests'}:${/\[(\w+)\]\)\)$/.exec(query)?.[1]}`;
      const value = table[app]?.[key];
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: value === undefined ? [] : [{ metric: {}, value: [1, String(value)] }],
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('agent-cicd sla', { timeout: 120_000 }, () => {
  it('prints availability, budget left and burn rate; exit 0 when the target is met, 1 when missed', async () => {
    const met = await runCli(['sla', '--prometheus', url, '--window', '30d', '--app', 'ok']);
    expect(met.stderr).toBe('');
    expect(met.exitCode).toBe(0);
    expect(met.stdout).toBe(
      'availability 99.800% over 30d (target 99.50%): MET\nrequests 1000000, errors 2000\nerror budget left 60.0%\nburn rate 0.40x over 30d, 2.00x over the last hour\n',
    );
    expect(
      queries.some((q) => q.includes('agent_http_requests_total{app="ok",route="/v1/chat",status=~"5.."}[30d]')),
    ).toBe(true);
    const missed = await runCli(['sla', '--prometheus', url, '--app', 'bad', '--json']);
    expect(missed.exitCode).toBe(1);
    expect(JSON.parse(missed.stdout)).toMatchObject({ met: false, availability: 0.991 });
  });

  it('exits 2 with one error line when there is no data or the input is bad', async () => {
    const none = await runCli(['sla', '--prometheus', url, '--app', 'silent']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/^error\[AGENT_CICD_PROMETHEUS_ERROR\] .*no requests/);
    const window = await runCli(['sla', '--prometheus', url, '--window', 'a month']);
    expect(window.exitCode).toBe(2);
    expect(window.stderr).toMatch(/^error\[AGENT_CICD_QUERY_INVALID\] .*not a Prometheus duration/);
    expect(window.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
