import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRunContext, type LlmClient, priceFor } from '@agent-cicd/core';
import { createPrng } from '@agent-cicd/core/testing';
import { type AgentTrack, createAgentMetrics } from '@agent-cicd/deploy-gates';
import { run } from './agent.js';

/**
 * The support agent as an HTTP service (the seed's `POST /v1/chat`), instrumented with the metrics that
 * agent-cicd's live canary analysis, dashboard and alerts read. Environment:
 * - `PORT` (default 8080), `HOST` (default 0.0.0.0)
 * - `AGENT_CICD_TIER` (default `dev`: the mock LLM and mock tools, no API key needed)
 * - `AGENT_TRACK` = `stable` | `canary` (default `stable`): the `track` label of every metric
 * - `AGENT_FAULT_ERROR_RATE` (0–1, default 0): answer this share of chats with a 500, for canary tests;
 *   `AGENT_FAULT_SEED` makes the faults reproducible.
 */
export interface SupportServerOptions {
  port?: number;
  host?: string;
  tier?: string;
  track?: AgentTrack;
  faultErrorRate?: number;
  /** Uniform [0, 1) numbers for fault injection. @default Math.random, or a PRNG seeded by `faultSeed` */
  random?: () => number;
  faultSeed?: number;
  /** The example's directory (config, prompts, mocks). @default this file's parent directory */
  root?: string;
  env?: Record<string, string | undefined>;
}

export interface SupportServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const maxBodyBytes = 64 * 1024;

/** What one request used, also when it failed half-way. */
interface Tally {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  toolCalls: Array<{ tool: string; ok: boolean }>;
}

/** Online checks run on every answer; a flagged answer is still sent, and counted. */
export function onlineChecks(answer: string): string[] {
  const flags: string[] = [];
  if (answer.trim() === '') flags.push('empty_answer');
  if (/could not finish that request/i.test(answer)) flags.push('gave_up');
  if (/\b(?:\d[ -]?){13,19}\b/.test(answer)) flags.push('card_number_echoed');
  return flags;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new HttpError(413, `request body over ${maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

function send(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function parseRate(value: string | undefined, name: string): number {
  if (value === undefined || value === '') return 0;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new Error(`${name} must be a number from 0 to 1, got "${value}"`);
  return rate;
}

/** Starts the service; resolves once it listens. */
export async function startSupportServer(options: SupportServerOptions = {}): Promise<SupportServer> {
  const env = options.env ?? process.env;
  const root = options.root ?? resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const track = options.track ?? 'stable';
  if (track !== 'stable' && track !== 'canary') throw new Error(`AGENT_TRACK must be stable or canary, got "${track}"`);
  const faultRate = options.faultErrorRate ?? 0;
  const random = options.random ?? (options.faultSeed === undefined ? Math.random : createPrng(options.faultSeed));
  const metrics = createAgentMetrics({ app: 'support-agent', track });
  const context = await createRunContext({ cwd: root, tier: options.tier ?? 'dev', judge: false, env });
  let ready = true;

  async function chat(
    body: unknown,
    tally: Tally,
  ): Promise<{ response: string; toolsCalled: string[]; tokenCount: number }> {
    const message = (body as { message?: unknown } | null)?.message;
    if (typeof message !== 'string' || message.trim() === '') {
      throw new HttpError(400, 'the body must be {"message": "<non-empty string>"}');
    }
    if (faultRate > 0 && random() < faultRate) throw new HttpError(500, 'injected fault (AGENT_FAULT_ERROR_RATE)');
    const tools = context.tools.createToolBox();
    const llm: LlmClient = {
      provider: context.llm.provider,
      async complete(request) {
        const reply = await context.llm.complete(request);
        tally.inputTokens += reply.usage.inputTokens;
        tally.outputTokens += reply.usage.outputTokens;
        tally.costUsd += reply.costUsd ?? priceFor(context.settings.model ?? reply.model, reply.usage) ?? 0;
        return reply;
      },
    };
    try {
      const output = await run(
        { caseId: 'http', trial: 0, userInput: message, messages: [{ role: 'user', content: message }], vars: {} },
        {
          llm,
          tools,
          signal: AbortSignal.timeout(30_000),
          tier: context.tier,
          settings: context.settings,
          metadata: {},
        },
      );
      const response = typeof output === 'string' ? output : 'response' in output ? String(output.response) : '';
      return {
        response,
        toolsCalled: tools.calls.map((call) => call.name),
        tokenCount: tally.inputTokens + tally.outputTokens,
      };
    } finally {
      tally.toolCalls = tools.calls.map((call) => ({ tool: call.name, ok: call.error === undefined }));
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && (path === '/healthz' || path === '/health')) {
      return send(response, 200, { status: 'ok', track });
    }
    if (request.method === 'GET' && (path === '/readyz' || path === '/ready')) {
      return send(response, ready ? 200 : 503, { status: ready ? 'ready' : 'shutting down', track });
    }
    if (request.method === 'GET' && path === '/metrics') {
      return send(response, 200, await metrics.metrics(), metrics.contentType);
    }
    if (path !== '/v1/chat') return send(response, 404, { error: `no route ${path}` });
    if (request.method !== 'POST') return send(response, 405, { error: 'use POST /v1/chat' });
    const started = performance.now();
    let status = 200;
    let answer: string | undefined;
    let flags: string[] = [];
    const tally: Tally = { inputTokens: 0, outputTokens: 0, costUsd: 0, toolCalls: [] };
    try {
      const result = await chat(await readJson(request), tally);
      answer = result.response;
      flags = onlineChecks(answer);
      send(response, 200, result);
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
      send(response, status, { error: error instanceof Error ? error.message : String(error) });
    }
    metrics.recordRequest({
      status,
      latencySeconds: (performance.now() - started) / 1000,
      ...tally,
      ...(answer === undefined ? {} : { response: answer }),
      flags,
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '0.0.0.0', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '0.0.0.0';
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        ready = false;
        server.close(() => resolveClose());
        server.closeIdleConnections();
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const env = process.env;
  try {
    const seed = env.AGENT_FAULT_SEED;
    const service = await startSupportServer({
      port: env.PORT === undefined ? 8080 : Number(env.PORT),
      ...(env.HOST === undefined ? {} : { host: env.HOST }),
      tier: env.AGENT_CICD_TIER ?? 'dev',
      track: (env.AGENT_TRACK ?? 'stable') as AgentTrack,
      faultErrorRate: parseRate(env.AGENT_FAULT_ERROR_RATE, 'AGENT_FAULT_ERROR_RATE'),
      ...(seed === undefined ? {} : { faultSeed: Number(seed) }),
    });
    process.stdout.write(`support-agent (${env.AGENT_TRACK ?? 'stable'}) listening on ${service.url}\n`);
    const stop = () => {
      service.close().then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
