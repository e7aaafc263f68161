import type { EmbeddingRequest, EmbeddingResponse } from '../llm/types.js';
import { withLabels } from './chat-call.js';
import type { MockProtocol } from './mock-protocol.js';
import { openAiErrorBody } from './openai-wire.js';
import { isRecord, WireError } from './wire-common.js';

/** An error with the HTTP status the server core answers it with. */
class StatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * OpenAI embeddings: `POST /v1/embeddings` (`input` a string or a list of strings), answered by the client's
 * `embed` (the mock LLM's deterministic hashed embedding by default), so `similar` checks work over HTTP too.
 */
export const embeddingsProtocol: MockProtocol<EmbeddingRequest, EmbeddingResponse> = {
  api: 'embeddings',
  method: 'POST',
  path: '/v1/embeddings',
  provider: 'openai',
  hasBody: true,
  requestIdHeader: 'x-request-id',
  responseId: (n) => `emb-mock${String(n).padStart(6, '0')}`,
  parse(body, headers, entry) {
    const json = isRecord(body) ? body : {};
    const input = typeof json.input === 'string' ? [json.input] : json.input;
    if (!Array.isArray(input) || input.length === 0 || !input.every((item) => typeof item === 'string')) {
      throw new WireError('"input" must be a string or a non-empty list of strings');
    }
    const request: EmbeddingRequest = { input: input as string[] };
    if (typeof json.model === 'string') {
      request.model = json.model;
      entry.model = json.model;
    }
    // Only the case id labels an embedding (cassettes file it under the case).
    const caseId = withLabels({}, headers).caseId;
    if (caseId !== undefined) {
      request.metadata = { caseId };
      entry.caseId = caseId;
    }
    return request;
  },
  answer(request, backend) {
    if (!backend.llm.embed) throw new StatusError(404, 'this mock server has no embeddings model');
    return backend.llm.embed(request);
  },
  render: (response) =>
    JSON.stringify({
      object: 'list',
      data: response.vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      model: response.model,
      usage: { prompt_tokens: response.usage.inputTokens, total_tokens: response.usage.inputTokens },
    }),
  errorBody: (status, message) => openAiErrorBody(status, message),
};
