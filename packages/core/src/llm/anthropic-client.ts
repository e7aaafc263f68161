import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { aggregateAnthropicStream, fromAnthropicMessage, toAnthropicRequest } from './anthropic-mapping.js';
import { buildResponse } from './build-response.js';
import { type AdapterOptions, createCallRunner } from './call-policy.js';
import { labelHeaders } from './label-headers.js';
import { lazySdkClient } from './lazy-sdk-client.js';
import { resolvePriceTable } from './prices.js';
import type { LlmClient, LlmRequest, LlmResponse } from './types.js';

/** The part of an `Anthropic` SDK instance the adapter uses; any `new Anthropic(...)` fits. */
export interface AnthropicLike {
  messages: { create(body: unknown, options?: unknown): PromiseLike<unknown> };
}

export interface AnthropicClientOptions extends AdapterOptions {
  /** A ready SDK instance. When absent, one is created from the options below. */
  client?: AnthropicLike;
  /** @default process.env.ANTHROPIC_API_KEY (read by the SDK) */
  apiKey?: string;
  /** A proxy or compatible endpoint. @default https://api.anthropic.com */
  baseURL?: string;
  /** Provider id for limits, cassettes and errors. @default 'anthropic' */
  provider?: string;
  /** `max_tokens` when a request sets none (the Messages API requires one). @default 4096 */
  defaultMaxTokens?: number;
}

/**
 * An `LlmClient` over the official `@anthropic-ai/sdk` (Messages API).
 *
 * @example
 * const llm = createAnthropicClient({ model: 'claude-haiku-4-5' });
 */
export function createAnthropicClient(options: AnthropicClientOptions): LlmClient {
  const provider = options.provider ?? 'anthropic';
  const clock = options.clock ?? Date.now;
  const prices = resolvePriceTable(options.prices);
  const defaultMaxTokens = options.defaultMaxTokens ?? 4096;
  const run = createCallRunner(provider, options.baseURL, options);
  const getSdk = lazySdkClient<AnthropicLike>({
    client: options.client,
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    packageName: '@anthropic-ai/sdk',
    provider,
    load: () => import('@anthropic-ai/sdk'),
  });

  return {
    provider,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const client = await getSdk();
      const model = request.model ?? options.model;
      const stream = request.stream ?? options.stream ?? false;
      const body = toAnthropicRequest(request, model, defaultMaxTokens);
      return run(request.signal, async (signal) => {
        const started = clock();
        const requestOptions = {
          signal,
          maxRetries: 0,
          timeout: options.timeoutMs ?? 60_000,
          headers: labelHeaders(request.metadata),
        };
        if (stream) {
          let timeToFirstTokenMs: number | undefined;
          const events = (await client.messages.create(
            { ...body, stream: true },
            requestOptions,
          )) as AsyncIterable<RawMessageStreamEvent>;
          const { events: raw, ...parsed } = await aggregateAnthropicStream(events, () => {
            timeToFirstTokenMs = clock() - started;
          });
          return buildResponse(parsed, {
            requestedModel: model,
            raw,
            latencyMs: clock() - started,
            ...(timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs }),
            prices,
          });
        }
        const message = (await client.messages.create(body, requestOptions)) as Message;
        return buildResponse(fromAnthropicMessage(message), {
          requestedModel: model,
          raw: message,
          latencyMs: clock() - started,
          prices,
        });
      });
    },
  };
}
