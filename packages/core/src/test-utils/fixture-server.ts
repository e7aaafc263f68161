import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type Handler = (
  request: RecordedRequest,
  response: ServerResponse,
) => CannedResponse | undefined | Promise<CannedResponse | undefined>;

export interface FixtureServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A loopback HTTP server (127.0.0.1, port 0) that records requests; the handler answers or writes itself. */
export async function startFixtureServer(handler: Handler): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    const canned = await handler(recorded, res);
    if (!canned) return;
    res.writeHead(canned.status, canned.headers);
    res.end(canned.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const REAL_API_DIR = new URL('../../../../fixtures/real-api/', import.meta.url);

export interface RealApiEntry {
  file: string;
  provider: 'openai' | 'anthropic';
  endpoint: string;
  kind: 'text' | 'tool_calls' | 'stream' | 'error';
  variant?: string;
  http_status: number;
  content_type: string;
  request_model?: string;
  response_model?: string;
  finish_reason?: string;
  stop_reason?: string;
  error_type?: string;
  error_code?: string;
}

export function realApiIndex(): RealApiEntry[] {
  return (JSON.parse(readFileSync(new URL('index.json', REAL_API_DIR), 'utf8')) as { files: RealApiEntry[] }).files;
}

/** The recorded payload with its recorded status and content type. */
export function realApiResponse(entry: RealApiEntry): CannedResponse {
  return {
    status: entry.http_status,
    headers: { 'content-type': entry.content_type },
    body: readFileSync(new URL(entry.file, REAL_API_DIR)),
  };
}
