import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockProtocol } from './mock-protocol.js';
import type { MockServerRequest } from './request-log.js';

const MAX_BODY = 32 * 1024 * 1024;

/** A failure with the HTTP status to answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a request body as text (at most 32 MiB) and calls `done` once, with the text or the error. A callback
 * rather than a promise: it runs on every request of the mock server.
 */
export function readBody(req: IncomingMessage, done: (error: Error | undefined, text: string) => void): void {
  // Bodies mostly arrive in one chunk: a list only from the second one on.
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let settled = false;
  const settle = (error: Error | undefined, text: string): void => {
    if (settled) return;
    settled = true;
    done(error, text);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) settle(new HttpError(413, 'request body too large'), '');
    else if (first === undefined) first = chunk;
    else if (more === undefined) more = [first, chunk];
    else more.push(chunk);
  });
  req.on('end', () =>
    settle(undefined, more ? Buffer.concat(more).toString('utf8') : first === undefined ? '' : first.toString('utf8')),
  );
  req.on('error', (error) => settle(error, ''));
  // A client that gives up mid-body never sends 'end'; without this the handler would wait forever.
  req.on('close', () => {
    if (!req.complete) settle(new HttpError(499, 'client closed the request'), '');
  });
}

/** Sends a JSON body with its length. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends an error in the protocol's shape with its request-id header, and `retry-after` headers when given. */
export function sendError(
  res: ServerResponse,
  protocol: Pick<MockProtocol, 'errorBody' | 'requestIdHeader'>,
  entry: MockServerRequest,
  status: number,
  message: string,
  retryAfterMs?: number,
): void {
  const requestId = `req_mock_${entry.id}`;
  const headers: Record<string, string> = { [protocol.requestIdHeader]: requestId };
  if (retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
    headers['retry-after-ms'] = String(Math.round(retryAfterMs));
  }
  entry.status = status;
  entry.error = message;
  sendJson(res, status, protocol.errorBody(status, message, requestId), headers);
}

/** Sends headers and part of a body, then closes the socket: a response cut mid-way. */
export function cut(
  res: ServerResponse,
  entry: MockServerRequest,
  partial: string,
  contentType: string,
  fullLength?: number,
): void {
  const headers: Record<string, string | number> = { 'content-type': contentType };
  if (fullLength !== undefined) headers['content-length'] = fullLength;
  res.writeHead(200, headers);
  entry.status = 200;
  res.write(partial, () => res.socket?.destroy());
}
