import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { buildResponse, type ParsedResponse } from './build-response.js';
import { type AdapterOptions, createCallRunner } from './call-policy.js';
import { labelHeaders } from './label-headers.js';
import { lazySdkClient } from './lazy-sdk-client.js';
import { aggregateOpenAiStream, fromOpenAiCompletion, toOpenAiRequest } from './openai-mapping.js';
import { parseEmbeddingResponse } from './parse-embedding-response.js';
import { resolvePriceTable } from './prices.js';
import { aggregateResponsesStream, fromResponsesObject, toResponsesRequest } from './responses-mapping.js';
import type {
  EmbeddingRequest,
  EmbeddingResponse,
  LlmClient,
  LlmRequest,
  LlmResponse,
  MaxTokensParam,
} from './types.js';

interface Creates {
  create(body: unknown, options?: unknown): PromiseLike<unknown>;
}

/** The part of an `OpenAI` SDK instance the adapter uses; any `new OpenAI(...)` fits. */
export interface OpenAiLike {
  chat: { completions: Creates };
  /** Needed only with `api: 'responses'`. */
  responses?: Creates;
  /** Needed only for `embed` (the `similar` check). */
  embeddings?: Creates;
}

export interface OpenAiClientOptions extends AdapterOptions {
  /** A ready SDK instance (e.g. with custom fetch or headers). When absent, one is created from the options below. */
  client?: OpenAiLike;
  /** @default process.env.OPENAI_API_KEY (read by the SDK) */
  apiKey?: string;
  /** Any OpenAI-compatible endpoint: Ollama `http://localhost:11434/v1`, vLLM, LM Studio `http://localhost:1234/v1`. */
  baseURL?: string;
  /** Provider id for limits, cassettes and errors. @default 'openai' */
  provider?: string;
  /**
   * Which OpenAI API to speak: Chat Completions (also what compatible servers implement) or the Responses API
   * (`POST /v1/responses`, OpenAI itself).
   * @default 'chat'
   */
  api?: 'chat' | 'responses';
  /**
   * How `maxTokens` is sent. OpenAI's own API wants `max_completion_tokens` (reasoning models reject `max_tokens`);
   * most compatible servers only know `max_tokens`.
   * @default 'max_completion_tokens' without a baseURL, 'max_tokens' with one
   */
  maxTokensParam?: MaxTokensParam;
  /** Model for `embed` when the request names none. @default 'text-embedding-3-small' */
  embeddingModel?: string;
}

/**
 * An `LlmClient` over the official `openai` SDK: Chat Completions (OpenAI or any compatible endpoint), or the
 * Responses API with `api: 'responses'`.
 *
 * @example
 * const llm = createOpenAiClient({ model: 'gpt-4o-mini' });
 * const local = createOpenAiClient({ model: 'llama3.1', baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
 */
export function createOpenAiClient(options: OpenAiClientOptions): LlmClient {
  const provider = options.provider ?? 'openai';
  const clock = options.clock ?? Date.now;
  const prices = resolvePriceTable(options.prices);
  const api = options.api ?? 'chat';
  const maxTokensParam = options.maxTokensParam ?? (options.baseURL ? 'max_tokens' : 'max_completion_tokens');
  const run = createCallRunner(provider, options.baseURL, options);
  const getSdk = lazySdkClient<OpenAiLike>({
    client: options.client,
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    packageName: 'openai',
    provider,
    load: () => import('openai'),
  });

  return {
    provider,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const client = await getSdk();
      const model = request.model ?? options.model;
      const stream = request.stream ?? options.stream ?? false;
      const responses = client.responses;
      if (api === 'responses' && !responses) {
        throw new TypeError("api: 'responses' needs an OpenAI client with a `responses` resource");
      }
      return run(request.signal, async (signal) => {
        const started = clock();
        const requestOptions = {
          signal,
          maxRetries: 0,
          timeout: options.timeoutMs ?? 60_000,
          headers: labelHeaders(request.metadata),
        };
        let timeToFirstTokenMs: number | undefined;
        const onFirstToken = (): void => {
          timeToFirstTokenMs = clock() - started;
        };
        const respond = (parsed: ParsedResponse, raw: unknown): LlmResponse =>
          buildResponse(parsed, {
            requestedModel: model,
            raw,
            latencyMs: clock() - started,
            ...(timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs }),
            prices,
          });
        if (api === 'responses' && responses) {
          const body = toResponsesRequest(request, model);
          if (stream) {
            const events = await responses.create({ ...body, stream: true }, requestOptions);
            const { events: raw, ...parsed } = await aggregateResponsesStream(
              events as AsyncIterable<ResponseStreamEvent>,
              onFirstToken,
            );
            return respond(parsed, raw);
          }
          const response = (await responses.create(body, requestOptions)) as Response;
          return respond(fromResponsesObject(response), response);
        }
        const body = toOpenAiRequest(request, model, maxTokensParam);
        if (stream) {
          const chunks = (await client.chat.completions.create(
            { ...body, stream: true, stream_options: { include_usage: true } },
            requestOptions,
          )) as AsyncIterable<ChatCompletionChunk>;
          const { chunks: raw, ...parsed } = await aggregateOpenAiStream(chunks, onFirstToken);
          return respond(parsed, raw);
        }
        const completion = (await client.chat.completions.create(body, requestOptions)) as ChatCompletion;
        return respond(fromOpenAiCompletion(completion), completion);
      });
    },
    async embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
      const client = await getSdk();
      const embeddings = client.embeddings;
      if (!embeddings) throw new TypeError('embed needs an OpenAI client with an `embeddings` resource');
      const model = request.model ?? options.embeddingModel ?? 'text-embedding-3-small';
      return run(request.signal, async (signal) => {
        const started = clock();
        const raw = await embeddings.create(
          { model, input: request.input, encoding_format: 'float' },
          { signal, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 },
        );
        return parseEmbeddingResponse(raw, {
          provider,
          model,
          count: request.input.length,
          latencyMs: clock() - started,
          prices,
        });
      });
    },
  };
}
