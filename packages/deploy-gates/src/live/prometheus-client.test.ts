import { describe, expect, it } from 'vitest';
import { createPrometheusClient, PrometheusError } from './prometheus-client.js';

const answer = (body: unknown, status = 200): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

describe('createPrometheusClient', () => {
  it('posts the query and returns the vector', async () => {
    const calls: Array<{ url: string; body: string }> = [];
    const client = createPrometheusClient({
      url: 'http://prom:9090/prefix/',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, body: String(init.body) });
        return new Response(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result: [{ metric: { track: 'canary' }, value: [1700000000, '0.25'] }] },
          }),
        );
      }) as unknown as typeof fetch,
    });
    expect(await client.query('up', { time: 1700000000 })).toEqual([
      { labels: { track: 'canary' }, time: 1700000000, value: 0.25 },
    ]);
    expect(calls[0]?.url).toBe('http://prom:9090/prefix/api/v1/query');
    expect(new URLSearchParams(calls[0]?.body).get('time')).toBe('1700000000');
  });

  it('reads a range matrix and a scalar', async () => {
    const matrix = createPrometheusClient({
      url: 'http://prom',
      fetch: answer({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: {},
              values: [
                [1, '1'],
                [2, 'NaN'],
              ],
            },
          ],
        },
      }),
    });
    const [series] = await matrix.queryRange('x', { start: 1, end: 2, step: 1 });
    expect(series?.points.map((p) => p.value)).toEqual([1, Number.NaN]);
    const scalar = createPrometheusClient({
      url: 'http://prom',
      fetch: answer({ status: 'success', data: { resultType: 'scalar', result: [5, '42'] } }),
    });
    expect(await scalar.query('42')).toEqual([{ labels: {}, time: 5, value: 42 }]);
  });

  it('turns every failure into a PrometheusError, never an empty result', async () => {
    const cases: Array<[typeof fetch, RegExp]> = [
      [
        (async () => {
          throw new Error('ECONNREFUSED');
        }) as typeof fetch,
        /unreachable: ECONNREFUSED/,
      ],
      [answer({ status: 'error', errorType: 'bad_data', error: 'parse error' }, 400), /bad_data: parse error/],
      [(async () => new Response('<html>', { status: 502 })) as typeof fetch, /HTTP 502 without a JSON body/],
      [answer({ status: 'success', data: { resultType: 'matrix', result: [] } }), /expected an instant vector/],
    ];
    for (const [fetch, message] of cases) {
      const client = createPrometheusClient({ url: 'http://prom', fetch });
      const error = await client.query('up').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrometheusError);
      expect((error as Error).message).toMatch(message);
    }
    expect(() => createPrometheusClient({ url: 'ftp://prom' })).toThrow(/must be http/);
  });
});
