import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CassetteMode, createCassetteClient } from '../cassette/create-cassette-client.js';
import { createRedactor } from '../cassette/redact-secrets.js';
import { AgentCicdError } from '../errors.js';
import type { LlmClient } from '../llm/types.js';
import { createMockLlm, defaultSleep, type Sleep } from '../mock/create-mock-llm.js';
import { loadMockScript } from '../mock/load-mock-script.js';
import type { MockScript, MockScriptInput } from '../mock/mock-script-schema.js';
import { PROVIDER_KEY_VARIABLES } from '../run/create-result-redactor.js';
import { createMockBackend } from './create-mock-backend.js';
import { createFaultInjector, type FaultRuleInput, type FaultsFileInput, loadFaults } from './faults.js';
import { sendError, sendJson } from './http-io.js';
import type { MockBackend, MockProtocol } from './mock-protocol.js';
import { fallbackProtocol, MOCK_PROTOCOLS } from './mock-protocols.js';
import { LoggedRequest, type MockServerRequest } from './request-log.js';
import { type CallServices, serveCall } from './serve-call.js';

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
  const clients: Record<MockProtocol['provider'], LlmClient> = { openai: inner, anthropic: inner };
  if (options.cassette) {
    const { mode = 'replay', ...where } = options.cassette;
    for (const provider of ['openai', 'anthropic'] as const) {
      clients[provider] = createCassetteClient({ ...where, inner, mode, provider });
    }
  }
  const faultsConfig = typeof options.faults === 'string' ? await loadFaults(options.faults) : options.faults;
  const injectFault = faultsConfig ? createFaultInjector(faultsConfig, options.seed) : undefined;
  const models = options.models ?? [defaultModel];

  // One route per protocol (`method` is checked after the path, so a wrong method on a known path is a 404
  // logged under that API).
  const routes = new Map<string, { protocol: MockProtocol; backend: MockBackend }>();
  for (const protocol of MOCK_PROTOCOLS) {
    routes.set(protocol.path, { protocol, backend: createMockBackend(clients[protocol.provider], models) });
  }
  const services: CallServices = {
    now: () => clock.now(),
    sleep: (ms, signal) => clock.sleep(ms, signal),
    injectFault,
  };
  const requests: MockServerRequest[] = [];
  const trimAt = logLimit + Math.ceil(logLimit / 10);
  let counter = 0;

  // Secrets never leave through the request log: provider keys, the cassette's secrets, known key formats.
  const redact = createRedactor({
    secrets: [
      ...(options.cassette?.secrets ?? []),
      ...PROVIDER_KEY_VARIABLES.flatMap((name) => process.env[name]?.trim() || []),
    ],
  });
  const loopbackOnly = LOOPBACK.has(host);

  // The last Host value found to be loopback: clients send the same one on every request, so the check is a compare.
  let loopbackHostSeen: string | undefined;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    // DNS-rebinding guard: a page whose name resolves to 127.0.0.1 sends its own name as Host; only loopback
    // names are answered (when the server listens on loopback).
    const hostHeader = req.headers.host;
    if (loopbackOnly && (hostHeader === undefined || hostHeader !== loopbackHostSeen)) {
      if (!isLoopbackHost(hostHeader)) {
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('agent-cicd mock server: only loopback Host names (localhost, 127.0.0.1, [::1]) are answered\n');
        return;
      }
      loopbackHostSeen = hostHeader;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    const route = routes.get(path);
    const control = route === undefined && path.startsWith('/_mock/');
    if (control) {
      if (path === '/_mock/requests' && method === 'GET') {
        sendJson(res, 200, { requests: redact(requests) });
        return;
      }
      if (path === '/_mock/requests' && method === 'DELETE') {
        requests.length = 0;
        sendJson(res, 200, { cleared: true });
        return;
      }
    }
    const startedAt = clock.now();
    const entry: MockServerRequest = new LoggedRequest(
      ++counter,
      method,
      path,
      route ? route.protocol.api : control ? 'control' : 'unknown',
      startedAt,
    );
    requests.push(entry);
    // Trim in batches: splicing one entry per request would shift the whole log every time.
    if (requests.length > trimAt) requests.splice(0, requests.length - logLimit);
    if (route && route.protocol.method === method) {
      serveCall(route.protocol, route.backend, req, res, entry, services);
      return;
    }
    sendError(
      res,
      fallbackProtocol(req.headers),
      entry,
      404,
      `no route ${method} ${path} on the agent-cicd mock server`,
    );
    entry.durationMs = clock.now() - startedAt;
  }

  const server = createServer({ keepAliveTimeout: 5000 }, handle);
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
