import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LlmClient } from '../llm/types.js';
import { HttpError, header, readBody, sendError, sendJson } from './http-io.js';
import type { MockServerRequest } from './request-log.js';

/**
 * `POST /v1/embeddings` in the OpenAI shape (`input` a string or a list of strings), answered by the client's
 * `embed` (the mock LLM's deterministic hashed embedding by default), so `similar` checks work over HTTP too.
 */
export async function handleEmbeddings(
  req: IncomingMessage,
  res: ServerResponse,
  llm: LlmClient,
  entry: MockServerRequest,
): Promise<void> {
  let body: { model?: unknown; input?: unknown };
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 400;
    return sendError(
      res,
      'openai',
      entry,
      status,
      `could not parse the JSON body of your request: ${(error as Error).message}`,
    );
  }
  const input = typeof body?.input === 'string' ? [body.input] : body?.input;
  if (!Array.isArray(input) || input.length === 0 || !input.every((item) => typeof item === 'string')) {
    return sendError(res, 'openai', entry, 400, '"input" must be a string or a non-empty list of strings');
  }
  if (!llm.embed) return sendError(res, 'openai', entry, 404, 'this mock server has no embeddings model');
  const model = typeof body.model === 'string' ? body.model : undefined;
  if (model !== undefined) entry.model = model;
  const caseId = header(req, 'x-agent-cicd-case-id');
  const response = await llm.embed({
    input: input as string[],
    ...(model === undefined ? {} : { model }),
    ...(caseId === undefined ? {} : { metadata: { caseId } }),
  });
  entry.status = 200;
  sendJson(res, 200, {
    object: 'list',
    data: response.vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    model: response.model,
    usage: { prompt_tokens: response.usage.inputTokens, total_tokens: response.usage.inputTokens },
  });
}
