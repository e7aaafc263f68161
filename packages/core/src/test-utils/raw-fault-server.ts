import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fault setup sees of a request. */
export interface FaultRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** Whether the conversation already holds a tool result (the agent's second model call). */
  afterToolResult: boolean;
}

/** Writes a raw HTTP answer (status, headers, body bytes, cuts, resets) for one request. */
export type FaultResponder = (request: FaultRequest, response: ServerResponse) => void | Promise<void>;

export interface RawFaultServer {
  /** Base URL, e.g. `http://127.0.0.1:43210` (add `/v1` for OpenAI clients). */
  url: string;
  /** The responder used for the next requests. */
  use(responder: FaultResponder): void;
  /** Requests since the last `use`. */
  readonly requests: FaultRequest[];
  close(): Promise<void>;
}

function hasToolResult(body: Record<string, unknown>): boolean {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
  return messages.some(
    (message) =>
      message.role === 'tool' ||
      (Array.isArray(message.content) &&
        (message.content as Array<Record<string, unknown>>).some((block) => block.type === 'tool_result')),
  );
}

/**
 * A raw OpenAI- and Anthropic-compatible HTTP server for fault tests: every answer is written byte by byte by the
 * current responder (odd 200 bodies, SSE cuts, resets, slow answers), unlike the mock server, which only speaks
 * well-formed wire formats. Binds 127.0.0.1 on an ephemeral port.
 */
export async function startRawFaultServer(): Promise<RawFaultServer> {
  let responder: FaultResponder = (_request, response) => {
    response.writeHead(500).end('no fault setup');
  };
  let requests: FaultRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      // a fault test never sends invalid JSON; keep {}
    }
    const request: FaultRequest = {
      path: req.url ?? '',
      headers: req.headers,
      body,
      afterToolResult: hasToolResult(body),
    };
    requests.push(request);
    try {
      await responder(request, res);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    use(next) {
      responder = next;
      requests = [];
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
