import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CassetteMode, createCassetteClient } from '../cassette/create-cassette-client.js';
import { createRedactor } from '../cassette/redact-secrets.js';
import { AgentCicdError } from '../errors.js';
import { readLabelHeaders } from '../llm/label-headers.js';
import type { LlmClient, LlmRequest, LlmResponse } from '../llm/types.js';
import { createMockLlm, defaultSleep, type Sleep } from '../mock/create-mock-llm.js';
import { loadMockScript } from '../mock/load-mock-script.js';
import { mockRuleOf } from '../mock/mock-rule-of.js';
import type { MockScript, MockScriptInput } from '../mock/mock-script-schema.js';
import { PROVIDER_KEY_VARIABLES } from '../run/create-result-redactor.js';
import { anthropicToLlmRequest, llmToAnthropicMessage, llmToAnthropicStream } from './anthropic-wire.js';
import { handleEmbeddings } from './embeddings-route.js';
import {
  createFaultInjector,
  type FaultContext,
  type FaultRule,
  type FaultRuleInput,
  type FaultsFileInput,
  loadFaults,
} from './faults.js';
import { type Api, cut, HttpError, header, readBody, sendError, sendJson } from './http-io.js';
import { llmToOpenAiCompletion, llmToOpenAiStream, openAiToLlmRequest } from './openai-wire.js';
import type { MockServerRequest } from './request-log.js';
import { isRecord } from './wire-common.js';

/** Time source of the server: `now` (epoch ms) for `created` fields and durations, `sleep` for simulated delays. */
export interface MockServerClock {
  now: () => number;
  sleep: Sleep;
}

export interface MockServerOptions {
  /** Interface to bind. A non-loopback host works but prints a warning (the server has no authentication). @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one. @default 8787 */
  port?: number;
  /** Mock script: a YAML path or a script object. Without `script` and `llm`, every message gets `Mock answer to: <message>`. */
  script?: string | MockScriptInput | MockScript;
  /** Any `LlmClient` to answer with instead of a script (e.g. a real adapter, to record through the server). */
  llm?: LlmClient;
  /** Serve from (and, in `record`/`auto`, record into) cassettes, keyed as provider `openai` or `anthropic` by route. */
  cassette?: { file?: string; dir?: string; mode?: CassetteMode; secrets?: string[] };
  /** Fault rules: a YAML path, `{ seed, faults }`, or a list of rules. */
  faults?: string | FaultsFileInput | FaultRuleInput[];
  /** Seed for the script's and the faults' random draws (overrides theirs). */
  seed?: number;
  /** @default Date.now and a real timer */
  clock?: MockServerClock;
  /** Models listed by `GET /v1/models`. @default the script's model */
  models?: string[];
  /** Where the non-loopback warning goes. @default process.stderr */
  warn?: (message: string) => void;
  /** Request-log entries kept, about (the oldest are dropped in batches of a tenth). @default 10000 */
  logLimit?: number;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:8787` (SDK base URLs: `${url}/v1` for OpenAI, `url` for Anthropic). */
  url: string;
  port: number;
  host: string;
  /** Live request log (also served as JSON by `GET /_mock/requests`). */
  requests: MockServerRequest[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether a `Host` header names this machine's loopback: `localhost` (or `*.localhost`), `127.x.x.x`, `[::1]`. */
export function isLoopbackHost(value: string | undefined): boolean {
  if (!value) return false;
  const name = (
    value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : value.replace(/:\d+$/, '')
  ).toLowerCase();
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}
const FAULT_STATUS = { rate_limit: 429, server_error: 500, overloaded: 529 } as const;
const DEFAULT_SCRIPT: MockScriptInput = { name: 'default', rules: [{ respond: 'Mock answer to: {{input}}' }] };

/**
 * Starts an HTTP server that speaks OpenAI Chat Completions (`POST /v1/chat/completions`) and Anthropic
 * Messages (`POST /v1/messages`), JSON and SSE, answering from the mock LLM, a given client or cassettes, with
 * fault injection. Per-request labels for the script come from the `x-agent-cicd-*` headers that agent-cicd's
 * adapters send (`x-agent-cicd-case-id`, `x-agent-cicd-trial`, `x-agent-cicd-prompt-version`, …; percent-encoded).
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? { now: Date.now, sleep: defaultSleep };
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  const logLimit = options.logLimit ?? 10_000;

  let base = options.llm;
  let defaultModel = 'mock';
  if (!base && (options.script !== undefined || !options.cassette)) {
    const script =
      typeof options.script === 'string' ? await loadMockScript(options.script) : (options.script ?? DEFAULT_SCRIPT);
    const mock = createMockLlm(script, { seed: options.seed, sleep: clock.sleep });
    defaultModel = mock.script.model;
    base = mock;
  }
  const inner: LlmClient = base ?? {
    provider: 'none',
    complete: () => {
      throw new AgentCicdError(
        'AGENT_CICD_MOCK_SERVER_NO_MODEL',
        'no script or client to record with; start the server with a script',
      );
    },
  };
  const clients: Record<Api, LlmClient> = { openai: inner, anthropic: inner };
  if (options.cassette) {
    const { mode = 'replay', ...where } = options.cassette;
    for (const api of ['openai', 'anthropic'] as const) {
      clients[api] = createCassetteClient({ ...where, inner, mode, provider: api });
    }
  }
  const faultsConfig = typeof options.faults === 'string' ? await loadFaults(options.faults) : options.faults;
  const injectFault = faultsConfig ? createFaultInjector(faultsConfig, options.seed) : undefined;
  const models = options.models ?? [defaultModel];

  const requests: MockServerRequest[] = [];
  let counter = 0;

  async function handleModelCall(
    req: IncomingMessage,
    res: ServerResponse,
    api: Api,
    entry: MockServerRequest,
  ): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, api, entry, error.status, error.message);
      return sendError(
        res,
        api,
        entry,
        400,
        `could not parse the JSON body of your request: ${(error as Error).message}`,
      );
    }
    if (!isRecord(body)) return sendError(res, api, entry, 400, 'the request body must be a JSON object');
    const metadata: Record<string, string> = {};
    if (api === 'openai' && isRecord(body.metadata)) {
      for (const [key, value] of Object.entries(body.metadata)) if (typeof value === 'string') metadata[key] = value;
    }
    // Labels sent by agent-cicd's adapters (`x-agent-cicd-case-id`, `-trial`, `-prompt-version`, `-purpose`, …).
    for (const [key, value] of Object.entries(readLabelHeaders(req.headers))) if (value) metadata[key] = value;

    let request: LlmRequest;
    try {
      request = api === 'openai' ? openAiToLlmRequest(body, metadata) : anthropicToLlmRequest(body, metadata);
    } catch (error) {
      return sendError(res, api, entry, 400, (error as Error).message);
    }
    const lastUser = request.messages.findLast((m) => m.role === 'user')?.content ?? '';
    entry.model = request.model;
    entry.stream = request.stream === true;
    entry.offeredTools = (request.tools ?? []).map((tool) => tool.name);
    entry.lastUserMessage = lastUser;
    if (metadata.caseId) entry.caseId = metadata.caseId;

    const context: FaultContext = { path: entry.path, model: request.model ?? '', message: lastUser };
    const fault: FaultRule | undefined = injectFault?.(context);
    if (fault) entry.fault = fault.type;
    if (fault && (fault.type === 'rate_limit' || fault.type === 'server_error' || fault.type === 'overloaded')) {
      const message =
        fault.message ??
        (fault.type === 'rate_limit'
          ? 'Rate limit reached (injected by the agent-cicd mock server). Please try again later.'
          : fault.type === 'overloaded'
            ? 'Overloaded'
            : 'The server had an error while processing your request (injected by the agent-cicd mock server).');
      const retryAfter = fault.type === 'server_error' ? undefined : (fault.retryAfterMs ?? 1000);
      return sendError(res, api, entry, FAULT_STATUS[fault.type], message, retryAfter);
    }
    if (fault?.type === 'slow_first_byte') await clock.sleep(fault.delayMs ?? 1000);

    let response: LlmResponse;
    try {
      response = await (clients[api] as LlmClient).complete(request);
    } catch (error) {
      const e = error as { status?: unknown; retryAfterMs?: unknown; message?: string };
      const status = typeof e.status === 'number' ? e.status : error instanceof AgentCicdError ? 400 : 500;
      return sendError(
        res,
        api,
        entry,
        status,
        e.message ?? String(error),
        typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined,
      );
    }
    entry.calledTools = response.toolCalls.map((call) => call.name);
    if (fault?.type === 'stream_cut' && fault.afterEvents === 0) {
      // Reset before any byte: clients see a failed connection rather than a truncated body.
      res.socket?.destroy();
      return;
    }

    const n = entry.id;
    const id =
      api === 'openai' ? `chatcmpl-mock${String(n).padStart(6, '0')}` : `msg_mock${String(n).padStart(6, '0')}`;
    const requestIdHeader = api === 'anthropic' ? 'request-id' : 'x-request-id';
    if (request.stream) {
      const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
      const frames =
        api === 'openai'
          ? llmToOpenAiStream(response, { id, created: Math.floor(clock.now() / 1000) }, includeUsage)
          : llmToAnthropicStream(response, id);
      const after = Math.min(fault?.afterEvents ?? 2, frames.length);
      if (fault?.type === 'stream_cut') return cut(res, entry, frames.slice(0, after).join(''), 'text/event-stream');
      if (fault?.type === 'malformed_json') {
        frames.splice(
          after,
          0,
          api === 'openai'
            ? 'data: {"id": "chatcmpl-broken", "choices": [\n\n'
            : 'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0,\n\n',
        );
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        [requestIdHeader]: `req_mock_${n}`,
      });
      entry.status = 200;
      for (const frame of frames) res.write(frame);
      res.end();
      return;
    }
    const rule = mockRuleOf(response);
    const payload = JSON.stringify({
      ...(api === 'openai'
        ? llmToOpenAiCompletion(response, { id, created: Math.floor(clock.now() / 1000) })
        : llmToAnthropicMessage(response, id)),
      // Which script rule answered, for diagnostics (e.g. the judge's "rule X answered"); SDKs ignore it.
      ...(rule === undefined ? {} : { agent_cicd_mock: { rule } }),
    });
    if (fault?.type === 'stream_cut')
      return cut(res, entry, payload.slice(0, payload.length >> 1), 'application/json', Buffer.byteLength(payload));
    const text = fault?.type === 'malformed_json' ? payload.slice(0, payload.length >> 1) : payload;
    entry.status = 200;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      [requestIdHeader]: `req_mock_${n}`,
    });
    res.end(text);
  }

  function modelsList(req: IncomingMessage): unknown {
    const created = Math.floor(clock.now() / 1000);
    if (header(req, 'anthropic-version')) {
      const data = models.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: new Date(created * 1000).toISOString(),
      }));
      return { data, has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null };
    }
    return {
      object: 'list',
      data: models.map((id) => ({ id, object: 'model', created, owned_by: 'agent-cicd-mock' })),
    };
  }

  // Secrets never leave through the request log: provider keys, the cassette's secrets, known key formats.
  const redact = createRedactor({
    secrets: [
      ...(options.cassette?.secrets ?? []),
      ...PROVIDER_KEY_VARIABLES.flatMap((name) => process.env[name]?.trim() || []),
    ],
  });
  const loopbackOnly = LOOPBACK.has(host);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding guard: a page whose name resolves to 127.0.0.1 sends its own name as Host; only loopback
    // names are answered (when the server listens on loopback).
    if (loopbackOnly && !isLoopbackHost(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('agent-cicd mock server: only loopback Host names (localhost, 127.0.0.1, [::1]) are answered\n');
      return;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    const api: MockServerRequest['api'] =
      path === '/v1/chat/completions'
        ? 'openai'
        : path === '/v1/messages'
          ? 'anthropic'
          : path === '/v1/models'
            ? 'models'
            : path === '/v1/embeddings'
              ? 'embeddings'
              : path.startsWith('/_mock/')
                ? 'control'
                : 'unknown';
    if (api === 'control') {
      if (path === '/_mock/requests' && method === 'GET') return sendJson(res, 200, { requests: redact(requests) });
      if (path === '/_mock/requests' && method === 'DELETE') {
        requests.length = 0;
        return sendJson(res, 200, { cleared: true });
      }
    }
    const startedAt = clock.now();
    const entry: MockServerRequest = {
      id: ++counter,
      method,
      path,
      api,
      stream: false,
      offeredTools: [],
      calledTools: [],
      status: 0,
      startedAt,
    };
    requests.push(entry);
    // Trim in batches: splicing one entry per request would shift the whole log every time.
    if (requests.length > logLimit + Math.ceil(logLimit / 10)) requests.splice(0, requests.length - logLimit);
    try {
      if ((api === 'openai' || api === 'anthropic') && method === 'POST') await handleModelCall(req, res, api, entry);
      else if (api === 'embeddings' && method === 'POST') await handleEmbeddings(req, res, clients.openai, entry);
      else if (api === 'models' && method === 'GET') {
        entry.status = 200;
        sendJson(res, 200, modelsList(req));
      } else {
        sendError(
          res,
          header(req, 'anthropic-version') ? 'anthropic' : 'openai',
          entry,
          404,
          `no route ${method} ${path} on the agent-cicd mock server`,
        );
      }
    } catch (error) {
      if (!res.headersSent) sendError(res, 'openai', entry, 500, (error as Error).message);
      else res.destroy();
    } finally {
      entry.durationMs = clock.now() - startedAt;
    }
  }

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (!LOOPBACK.has(host)) {
    warn(
      `warning: the agent-cicd mock server listens on ${host}, reachable from other machines; it has no authentication`,
    );
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
