import { describe, expect, it } from 'vitest';
import { counterIncrements, histogramQuantile, sumIncrements } from './track-counters.js';

const sample = (labels: Record<string, string>, value: number) => ({ labels, time: 0, value });

describe('track counters', () => {
  it('takes increments per series and treats a drop as a counter reset', () => {
    const a = { __name__: 'agent_http_requests_total', route: '/v1/chat', status: '200', pod: 'a' };
    const b = { ...a, pod: 'b' };
    const first = counterIncrements(new Map(), [sample(a, 10), sample(b, 5)]);
    const second = counterIncrements(first.current, [sample(a, 15), sample(b, 2), sample({ ...a, status: '500' }, 3)]);
    const counts = sumIncrements(second.increments, '/v1/chat');
    expect(counts.requests).toBe(5 + 2 + 3);
    expect(counts.failures).toBe(3);
  });

  it('ignores other routes and sorts tool calls by outcome', () => {
    const counts = sumIncrements(
      [
        { labels: { __name__: 'agent_http_requests_total', route: '/other', status: '500' }, value: 4 },
        { labels: { __name__: 'agent_tool_calls_total', tool: 'search_kb', outcome: 'error' }, value: 2 },
        { labels: { __name__: 'agent_tool_calls_total', tool: 'search_kb', outcome: 'ok' }, value: 5 },
      ],
      '/v1/chat',
    );
    expect(counts.requests).toBe(0);
    expect(counts.toolCalls.get('search_kb')).toEqual({ ok: 5, error: 2 });
  });

  it('interpolates quantiles like histogram_quantile', () => {
    const buckets = new Map([
      [0.1, 50],
      [0.5, 90],
      [1, 100],
      [Number.POSITIVE_INFINITY, 100],
    ]);
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.3);
    expect(histogramQuantile(0.99, buckets)).toBeCloseTo(0.95);
    expect(histogramQuantile(0.5, new Map())).toBeNull();
    expect(
      histogramQuantile(
        0.99,
        new Map([
          [1, 1],
          [Number.POSITIVE_INFINITY, 10],
        ]),
      ),
    ).toBe(1);
  });
});
