import type { IncomingMessage, ServerResponse } from 'node:http';
import { AgentCicdError } from '../errors.js';
import type { Sleep } from '../mock/create-mock-llm.js';
import type { FaultContext, FaultRule } from './faults.js';
import { cut, HttpError, readBody, sendError } from './http-io.js';
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
    void respond(protocol, backend, req, res, entry, services, undefined, '');
    return;
  }
  readBody(req, (error, text) => void respond(protocol, backend, req, res, entry, services, error, text));
}

async function respond(
  protocol: MockProtocol,
  backend: MockBackend,
  req: IncomingMessage,
  res: ServerResponse,
  entry: MockServerRequest,
  services: CallServices,
  readError: Error | undefined,
  text: string,
): Promise<void> {
  try {
    if (readError) {
      return sendError(
        res,
        protocol,
        entry,
        readError instanceof HttpError ? readError.status : 400,
        readError.message,
      );
    }
    await answerCall(protocol, backend, req, res, entry, services, text);
  } catch (error) {
    if (!res.headersSent) sendError(res, protocol, entry, 500, (error as Error).message);
    else res.destroy();
  } finally {
    entry.durationMs = services.now() - entry.startedAt;
  }
}

async function answerCall(
  protocol: MockProtocol,
  backend: MockBackend,
  req: IncomingMessage,
  res: ServerResponse,
  entry: MockServerRequest,
  services: CallServices,
  text: string,
): Promise<void> {
  let body: unknown;
  if (protocol.hasBody) {
    try {
      body = JSON.parse(text);
    } catch (error) {
      const message = `could not parse the JSON body of your request: ${(error as Error).message}`;
      return sendError(res, protocol, entry, 400, message);
    }
  }
  let call: unknown;
  try {
    call = protocol.parse(body, req.headers, entry);
  } catch (error) {
    return sendError(res, protocol, entry, 400, (error as Error).message);
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
      return sendError(res, protocol, entry, FAULT_STATUS[fault.type], message, retryAfter);
    }
    if (fault.type === 'slow_first_byte') await services.sleep(fault.delayMs ?? 1000);
  }

  let answer: unknown;
  try {
    answer = await protocol.answer(call, backend, entry);
  } catch (error) {
    const e = error as { status?: unknown; retryAfterMs?: unknown; message?: string };
    const status = typeof e.status === 'number' ? e.status : error instanceof AgentCicdError ? 400 : 500;
    const retryAfter = typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined;
    return sendError(res, protocol, entry, status, e.message ?? String(error), retryAfter);
  }
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
    if (fault?.type === 'stream_cut') return cut(res, entry, frames.slice(0, after).join(''), 'text/event-stream');
    if (fault?.type === 'malformed_json' && protocol.brokenFrame) frames.splice(after, 0, protocol.brokenFrame);
    entry.status = 200;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      [protocol.requestIdHeader]: requestId,
    });
    res.end(frames.join(''));
    return;
  }
  const payload = protocol.render(answer, call, frame);
  if (fault?.type === 'stream_cut')
    return cut(res, entry, payload.slice(0, payload.length >> 1), 'application/json', Buffer.byteLength(payload));
  const sent = fault?.type === 'malformed_json' ? payload.slice(0, payload.length >> 1) : payload;
  entry.status = 200;
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(sent),
    [protocol.requestIdHeader]: requestId,
  });
  res.end(sent);
}
