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

/** A Chat Completions response → our fields. */
export function fromOpenAiCompletion(completion: ChatCompletion): ParsedResponse {
  if (completion?.object !== 'chat.completion' && !Array.isArray(completion?.choices))
    throw notChatCompletion(completion);
  const choice = completion.choices[0];
  const message = choice?.message;
  const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
    call.type === 'function' ? [parseToolCall(call.id, call.function.name, call.function.arguments)] : [],
  );
  return {
    text: message?.content ?? message?.refusal ?? '',
    toolCalls,
    usage: usageOf(completion.usage),
    model: completion.model,
    finishReason: openAiFinishReason(choice?.finish_reason),
  };
}

/**
 * Aggregates a Chat Completions stream: text deltas, tool-call deltas by index (id and name first, then argument
 * fragments), the finish reason and the final usage chunk. `onFirstToken` fires on the first content.
 */
export async function aggregateOpenAiStream(
  stream: AsyncIterable<ChatCompletionChunk>,
  onFirstToken: () => void,
): Promise<ParsedResponse & { chunks: ChatCompletionChunk[] }> {
  const chunks: ChatCompletionChunk[] = [];
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let text = '';
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
      const content = delta?.content ?? delta?.refusal ?? '';
      if (!seenToken && (content !== '' || delta?.tool_calls?.length)) {
        seenToken = true;
        onFirstToken();
      }
      text += content;
      for (const part of delta?.tool_calls ?? []) {
        const call = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name += part.function.name;
        if (part.function?.arguments) call.arguments += part.function.arguments;
        calls.set(part.index, call);
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  const toolCalls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, call]) => parseToolCall(call.id, call.name, call.arguments));
  return { text, toolCalls, usage, model, finishReason: openAiFinishReason(finish), chunks };
}
