import type { IncomingMessage, ServerResponse } from 'node:http';
import { AgentCicdError } from '../errors.js';
import type { Sleep } from '../mock/create-mock-llm.js';
import type { FaultContext, FaultRule } from './faults.js';
import { cut, HttpError, readBody, sendError } from './http-io.js';
import { isPromiseLike } from './is-promise-like.js';
import type { MockBackend, MockProtocol } from './mock-protocol.js';
import type { MockServerRequest } from './request-log.js';

/** What every call shares: the server clock and the fault injector. */
export interface CallServices {
  now: () => number;
  sleep: Sleep;
  injectFault?: (context: FaultContext) => FaultRule | undefined;
}

const FAULT_STATUS = { rate_limit: 429, server_error: 500, overloaded: 529 } as const;

function faultMessage(type: keyof typeof FAULT_STATUS): string {
  if (type === 'rate_limit')
    return 'Rate limit reached (injected by the agent-cicd mock server). Please try again later.';
  if (type === 'overloaded') return 'Overloaded';
  return 'The server had an error while processing your request (injected by the agent-cicd mock server).';
}

/**
 * Serves one request with its protocol, the same steps for every API: read and parse the body, inject a fault,
 * answer, then send JSON or SSE with the protocol's request-id header. Errors are answered in the protocol's
 * shape: a bad body or `WireError` 400, a thrown `status` as is, another `AgentCicdError` 400, anything else 500
 * (or a reset when headers are already out). `entry.durationMs` is set when the answer is sent.
 *
 * No step is async unless it has to wait (a slow-first-byte fault, a client that answers with a promise): a scripted
 * answer is read, answered and written in the body's `end` event, without a promise (the mock server's hot path).
 */
export function serveCall(
  protocol: MockProtocol,
  backend: MockBackend,
  req: IncomingMessage,
  res: ServerResponse,
  entry: MockServerRequest,
  services: CallServices,
): void {
  if (!protocol.hasBody) {
    respond(protocol, backend, req, res, entry, services, undefined, '');
    return;
  }
  readBody(req, (error, text) => respond(protocol, backend, req, res, entry, services, error, text));
}

function respond(
  protocol: MockProtocol,
  backend: MockBackend,
  req: IncomingMessage,
  res: ServerResponse,
  entry: MockServerRequest,
  services: CallServices,
  readError: Error | undefined,
  text: string,
): void {
  let pending: Promise<void> | undefined;
  try {
    if (readError) {
      sendError(res, protocol, entry, readError instanceof HttpError ? readError.status : 400, readError.message);
    } else {
      pending = answerCall(protocol, backend, req, res, entry, services, text);
    }
  } catch (error) {
    failed(res, protocol, entry, error);
  }
  if (pending === undefined) {
    entry.durationMs = services.now() - entry.startedAt;
    return;
  }
  pending.then(
    () => {
      entry.durationMs = services.now() - entry.startedAt;
    },
    (error: unknown) => {
      failed(res, protocol, entry, error);
      entry.durationMs = services.now() - entry.startedAt;
    },
  );
}

/** An unexpected failure: a 500 in the protocol's shape, or a reset once headers are out. */
function failed(res: ServerResponse, protocol: MockProtocol, entry: MockServerRequest, error: unknown): void {
  if (!res.headersSent) sendError(res, protocol, entry, 500, (error as Error).message);
  else res.destroy();
}

/** Parses the body and the call, injects a fault, answers; a promise only when something had to wait. */
function answerCall(
  protocol: MockProtocol,
  backend: MockBackend,
  req: IncomingMessage,
  res: ServerResponse,
  entry: MockServerRequest,
  services: CallServices,
  text: string,
): Promise<void> | undefined {
  let body: unknown;
  if (protocol.hasBody) {
    try {
      body = JSON.parse(text);
    } catch (error) {
      const message = `could not parse the JSON body of your request: ${(error as Error).message}`;
      sendError(res, protocol, entry, 400, message);
      return undefined;
    }
  }
  let call: unknown;
  try {
    call = protocol.parse(body, req.headers, entry);
  } catch (error) {
    sendError(res, protocol, entry, 400, (error as Error).message);
    return undefined;
  }
  const fault =
    services.injectFault && protocol.faultContext
      ? services.injectFault(protocol.faultContext(call, entry))
      : undefined;
  if (fault) {
    entry.fault = fault.type;
    if (fault.type === 'rate_limit' || fault.type === 'server_error' || fault.type === 'overloaded') {
      const retryAfter = fault.type === 'server_error' ? undefined : (fault.retryAfterMs ?? 1000);
      const message = fault.message ?? faultMessage(fault.type);
      sendError(res, protocol, entry, FAULT_STATUS[fault.type], message, retryAfter);
      return undefined;
    }
    if (fault.type === 'slow_first_byte') {
      return services
        .sleep(fault.delayMs ?? 1000)
        .then(() => answerAndSend(protocol, backend, res, entry, services, call, fault));
    }
  }
  return answerAndSend(protocol, backend, res, entry, services, call, fault);
}

function answerAndSend(
  protocol: MockProtocol,
  backend: MockBackend,
  res: ServerResponse,
  entry: MockServerRequest,
  services: CallServices,
  call: unknown,
  fault: FaultRule | undefined,
): Promise<void> | undefined {
  let answer: unknown;
  try {
    answer = protocol.answer(call, backend, entry);
  } catch (error) {
    answerFailed(res, protocol, entry, error);
    return undefined;
  }
  if (isPromiseLike(answer)) {
    return Promise.resolve(answer).then(
      (done: unknown) => send(protocol, res, entry, services, call, fault, done),
      (error: unknown) => answerFailed(res, protocol, entry, error),
    );
  }
  send(protocol, res, entry, services, call, fault, answer);
  return undefined;
}

/** A failed answer: its numeric `status` (and `retryAfterMs`) when it has one, 400 for an `AgentCicdError`, else 500. */
function answerFailed(res: ServerResponse, protocol: MockProtocol, entry: MockServerRequest, error: unknown): void {
  const e = error as { status?: unknown; retryAfterMs?: unknown; message?: string };
  const status = typeof e.status === 'number' ? e.status : error instanceof AgentCicdError ? 400 : 500;
  const retryAfter = typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined;
  sendError(res, protocol, entry, status, e.message ?? String(error), retryAfter);
}

function send(
  protocol: MockProtocol,
  res: ServerResponse,
  entry: MockServerRequest,
  services: CallServices,
  call: unknown,
  fault: FaultRule | undefined,
  answer: unknown,
): void {
  if (fault?.type === 'stream_cut' && fault.afterEvents === 0) {
    // Reset before any byte: clients see a failed connection rather than a truncated body.
    res.socket?.destroy();
    return;
  }

  const frame = { id: protocol.responseId(entry.id), created: Math.floor(services.now() / 1000) };
  const requestId = `req_mock_${entry.id}`;
  const frames = protocol.stream?.(answer, call, frame);
  if (frames) {
    const after = Math.min(fault?.afterEvents ?? 2, frames.length);
    if (fault?.type === 'stream_cut') {
      cut(res, entry, frames.slice(0, after).join(''), 'text/event-stream');
      return;
    }
    if (fault?.type === 'malformed_json' && protocol.brokenFrame) frames.splice(after, 0, protocol.brokenFrame);
    entry.status = 200;
    res.writeHead(200, [
      'content-type',
      'text/event-stream; charset=utf-8',
      'cache-control',
      'no-cache',
      protocol.requestIdHeader,
      requestId,
    ]);
    res.end(frames.join(''));
    return;
  }
  const payload = protocol.render(answer, call, frame);
  if (fault?.type === 'stream_cut') {
    cut(res, entry, payload.slice(0, payload.length >> 1), 'application/json', Buffer.byteLength(payload));
    return;
  }
  const sent = fault?.type === 'malformed_json' ? payload.slice(0, payload.length >> 1) : payload;
  entry.status = 200;
  res.writeHead(200, [
    'content-type',
    'application/json',
    'content-length',
    String(Buffer.byteLength(sent)),
    protocol.requestIdHeader,
    requestId,
  ]);
  res.end(sent);
}
