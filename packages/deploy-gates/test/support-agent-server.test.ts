import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentMetricNames } from '../src/live/agent-metric-names.js';
import { type ExampleServer, startExampleServer } from '../src/test-utils/example-server.js';

const chat = async (url: string, body: unknown) => {
  const response = await fetch(`${url}/v1/chat`, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe('the example support agent server', () => {
  let server: ExampleServer;
  let faulty: ExampleServer;
  beforeAll(async () => {
    [server, faulty] = await Promise.all([
      startExampleServer({ AGENT_TRACK: 'canary' }),
      startExampleServer({ AGENT_FAULT_ERROR_RATE: '1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), faulty?.stop()]);
  });

  it('answers POST /v1/chat with the response, the tools it called and the tokens it used', async () => {
    const { status, json } = await chat(server.url, { message: 'Where is my order A1001?' });
    expect(status).toBe(200);
    expect(json.response).toMatch(/shipped/);
    expect(json.toolsCalled).toEqual(['lookup_order']);
    expect(json.tokenCount).toBeGreaterThan(0);
    expect((await chat(server.url, { msg: 'x' })).status).toBe(400);
    const notJson = await fetch(`${server.url}/v1/chat`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${server.url}/v1/chat`)).status).toBe(405);
  });

  it('serves health and readiness on the Kubernetes-style and the seed paths', async () => {
    for (const path of ['/healthz', '/readyz', '/health', '/ready']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.json()).toMatchObject({ track: 'canary' });
    }
  });

  it('exposes the agent metrics labelled with its track, and injects faults on request', async () => {
    await chat(server.url, { message: 'I want a refund' });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      /agent_http_requests_total\{route="\/v1\/chat",status="200",app="support-agent",track="canary"\} \d/,
    );
    expect(text).toContain(
      'agent_tool_calls_total{tool="search_kb",outcome="ok",app="support-agent",track="canary"} 1',
    );
    for (const name of Object.values(AgentMetricNames)) expect(text, name).toContain(`# TYPE ${name}`);
    expect(text).toMatch(/agent_llm_cost_usd_total\{[^}]*\} [1-9]|agent_llm_cost_usd_total\{[^}]*\} 0\.\d*[1-9]/);

    const failed = await chat(faulty.url, { message: 'hello' });
    expect(failed.status).toBe(500);
    expect(failed.json.error).toMatch(/injected fault/);
    const faultyText = await (await fetch(`${faulty.url}/metrics`)).text();
    expect(faultyText).toContain(
      'agent_http_requests_total{route="/v1/chat",status="500",app="support-agent",track="stable"} 1',
    );
  });
});
