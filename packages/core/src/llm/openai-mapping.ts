import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { LlmError } from '../errors.js';
import type { ParsedResponse } from './build-response.js';
import { parseToolCall } from './parse-tool-arguments.js';
import type { FinishReason, LlmRequest, LlmUsage, MaxTokensParam } from './types.js';

function toOpenAiMessages(request: LlmRequest): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = request.system ? [{ role: 'system', content: request.system }] : [];
  for (const message of request.messages) {
    if (message.role === 'user') messages.push({ role: 'user', content: message.content });
    else if (message.role === 'tool') {
      messages.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.content });
    } else if (message.toolCalls?.length) {
      messages.push({
        role: 'assistant',
        content: message.content === '' ? null : message.content,
        tool_calls: message.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.rawArguments ?? JSON.stringify(call.arguments) },
        })),
      });
    } else messages.push({ role: 'assistant', content: message.content });
  }
  return messages;
}

function toOpenAiToolChoice(choice: NonNullable<LlmRequest['toolChoice']>): ChatCompletionToolChoiceOption {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** Our request → Chat Completions parameters (without `stream`). */
export function toOpenAiRequest(
  request: LlmRequest,
  model: string,
  maxTokensParam: MaxTokensParam,
): ChatCompletionCreateParamsBase {
  const params: ChatCompletionCreateParamsBase = { model, messages: toOpenAiMessages(request) };
  if (request.tools?.length) {
    params.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    }));
    if (request.toolChoice) params.tool_choice = toOpenAiToolChoice(request.toolChoice);
  }
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxTokens !== undefined) params[maxTokensParam] = request.maxTokens;
  return params;
}

/** Chat Completions `finish_reason` → ours. */
export function openAiFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return reason;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}

function usageOf(usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): LlmUsage {
  return { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 };
}

/** What an OpenAI-compatible endpoint answered, when it is not a chat completion (e.g. a Responses API object). */
function notChatCompletion(body: unknown): LlmError {
  const object = (body as { object?: unknown; type?: unknown } | null)?.object ?? (body as { type?: unknown })?.type;
  const hint =
    object === 'response' || (typeof object === 'string' && object.startsWith('response.'))
      ? ' (a Responses API object: point baseURL at a Chat Completions endpoint)'
      : '';
  return new LlmError(`openai returned ${String(object ?? 'an unknown object')}, not a chat completion${hint}`, {
    kind: 'invalid_response',
    provider: 'openai',
    retryable: false,
  });
}

/** A broken answer: retryable, like a garbled body (the next attempt may be whole). */
function brokenAnswer(message: string): LlmError {
  return new LlmError(`openai ${message}`, { kind: 'invalid_response', provider: 'openai', retryable: true });
}

/**
 * A Chat Completions response → our fields. A completion without choices, without a message or without a
 * `finish_reason` is not an answer: `invalid_response`. A refusal (`message.refusal`, no content) is
 * `content_filter`.
 */
export function fromOpenAiCompletion(completion: ChatCompletion): ParsedResponse {
  if (completion?.object !== 'chat.completion' && !Array.isArray(completion?.choices))
    throw notChatCompletion(completion);
  if (!Array.isArray(completion.choices) || completion.choices.length === 0)
    throw brokenAnswer('returned a chat completion without choices (an empty answer)');
  const choice = completion.choices[0];
  const message = choice?.message;
  if (typeof message !== 'object' || message === null)
    throw brokenAnswer('returned a chat completion whose choice has no message');
  if (!choice?.finish_reason)
    throw brokenAnswer('returned a chat completion without a finish_reason (the answer may be cut short)');
  const toolCalls = (message.tool_calls ?? []).flatMap((call) =>
    call.type === 'function' ? [parseToolCall(call.id, call.function.name, call.function.arguments)] : [],
  );
  const refused = !message.content && typeof message.refusal === 'string' && message.refusal !== '';
  return {
    text: message.content ?? message.refusal ?? '',
    toolCalls,
    usage: usageOf(completion.usage),
    model: completion.model,
    finishReason: refused ? 'content_filter' : openAiFinishReason(choice.finish_reason),
  };
}

/**
 * Aggregates a Chat Completions stream: text deltas, tool-call deltas by index (id and name first, then argument
 * fragments), the finish reason and the final usage chunk. `onFirstToken` fires on the first content.
 * The SDK hides `[DONE]`, so the `finish_reason` chunk marks the end: a stream that ends before it (empty, only
 * `[DONE]`, cut) or sends content after it (duplicated or out-of-order events) is `invalid_response`.
 */
export async function aggregateOpenAiStream(
  stream: AsyncIterable<ChatCompletionChunk>,
  onFirstToken: () => void,
): Promise<ParsedResponse & { chunks: ChatCompletionChunk[] }> {
  const chunks: ChatCompletionChunk[] = [];
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let text = '';
  let refusal = '';
  let model = '';
  let finish: string | null | undefined;
  let usage: LlmUsage = { inputTokens: 0, outputTokens: 0 };
  let seenToken = false;
  for await (const chunk of stream) {
    if (!Array.isArray(chunk?.choices)) throw notChatCompletion(chunk);
    chunks.push(chunk);
    model ||= chunk.model;
    if (chunk.usage) usage = usageOf(chunk.usage);
    for (const choice of chunk.choices) {
      if (choice.index !== 0) continue;
      const delta = choice.delta;
      const content = delta?.content ?? '';
      const refused = delta?.refusal ?? '';
      if (finish && (content !== '' || refused !== '' || delta?.tool_calls?.length || choice.finish_reason)) {
        throw brokenAnswer('streamed content after the finish_reason (duplicated or out-of-order events)');
      }
      if (!seenToken && (content !== '' || refused !== '' || delta?.tool_calls?.length)) {
        seenToken = true;
        onFirstToken();
      }
      text += content;
      refusal += refused;
      for (const part of delta?.tool_calls ?? []) {
        const call = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
        if (part.id) {
          if (call.id !== '') throw brokenAnswer(`streamed tool call ${part.index} twice (duplicated events)`);
          call.id = part.id;
        }
        if (part.function?.name) call.name += part.function.name;
        if (part.function?.arguments) call.arguments += part.function.arguments;
        calls.set(part.index, call);
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  if (chunks.length === 0) throw brokenAnswer('stream ended without any chunk (an empty stream)');
  if (!finish) throw brokenAnswer('stream ended before its finish_reason (cut short)');
  const toolCalls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, call]) => parseToolCall(call.id, call.name, call.arguments));
  const refusedOnly = text === '' && refusal !== '';
  return {
    text: text || refusal,
    toolCalls,
    usage,
    model,
    finishReason: refusedOnly ? 'content_filter' : openAiFinishReason(finish),
    chunks,
  };
}
