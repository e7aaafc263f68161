import type {
  ContentBlockParam,
  Message,
  MessageCreateParamsBase,
  MessageParam,
  RawMessageStreamEvent,
  ToolChoice,
} from '@anthropic-ai/sdk/resources/messages';
import { LlmError } from '../errors.js';
import type { ParsedResponse } from './build-response.js';
import { parseToolCall } from './parse-tool-arguments.js';
import type { FinishReason, LlmRequest, LlmUsage, ToolCall } from './types.js';

/**
 * Our messages → Anthropic turns. Tool results become `tool_result` blocks of a user turn; consecutive user-side
 * messages (tool results, then maybe a user text) merge into one turn, tool results first, as the API requires.
 */
function toAnthropicMessages(request: LlmRequest): MessageParam[] {
  const turns: { role: 'user' | 'assistant'; content: ContentBlockParam[] }[] = [];
  const push = (role: 'user' | 'assistant', blocks: ContentBlockParam[]): void => {
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  for (const message of request.messages) {
    if (message.role === 'user') push('user', [{ type: 'text', text: message.content }]);
    else if (message.role === 'tool') {
      push('user', [
        {
          type: 'tool_result',
          tool_use_id: message.toolCallId,
          content: message.content,
          ...(message.isError ? { is_error: true } : {}),
        },
      ]);
    } else {
      // The API rejects empty text blocks; an assistant turn of only tool calls has none.
      const text: ContentBlockParam[] = message.content === '' ? [] : [{ type: 'text', text: message.content }];
      const calls: ContentBlockParam[] = (message.toolCalls ?? []).map((call) => ({
        type: 'tool_use',
        id: call.id,
        name: call.name,
        input: call.arguments,
      }));
      push('assistant', [...text, ...calls]);
    }
  }
  // A turn of a single text block is sent in the plain string form.
  return turns.map(({ role, content }) => {
    const only = content[0];
    return content.length === 1 && only?.type === 'text' ? { role, content: only.text } : { role, content };
  });
}

function toAnthropicToolChoice(choice: NonNullable<LlmRequest['toolChoice']>): ToolChoice {
  if (choice === 'required') return { type: 'any' };
  if (choice === 'auto' || choice === 'none') return { type: choice };
  return { type: 'tool', name: choice.name };
}

/**
 * Our request → Messages API parameters (without `stream`). `max_tokens` is required by the API; `temperature`
 * is left out because the API version the 1.x SDK speaks (2026-10-21) rejects sampling parameters.
 */
export function toAnthropicRequest(
  request: LlmRequest,
  model: string,
  defaultMaxTokens: number,
): MessageCreateParamsBase {
  const params: MessageCreateParamsBase = {
    model,
    max_tokens: request.maxTokens ?? defaultMaxTokens,
    messages: toAnthropicMessages(request),
  };
  if (request.system) params.system = request.system;
  if (request.tools?.length) {
    params.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters as { type: 'object'; [key: string]: unknown },
    }));
    if (request.toolChoice) params.tool_choice = toAnthropicToolChoice(request.toolChoice);
  }
  // `temperature` is not sent: API version 2026-10-21 (SDK 1.x) rejects sampling parameters with a 400.
  return params;
}

/** Messages API `stop_reason` → ours. */
export function anthropicFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Input tokens include cache writes and reads, so `inputTokens` is the whole prompt as with OpenAI. */
function usageOf(usage: AnthropicUsage | null | undefined): LlmUsage {
  return {
    inputTokens:
      (usage?.input_tokens ?? 0) + (usage?.cache_creation_input_tokens ?? 0) + (usage?.cache_read_input_tokens ?? 0),
    outputTokens: usage?.output_tokens ?? 0,
  };
}

/** A broken answer: retryable, like a garbled body (the next attempt may be whole). */
function brokenAnswer(message: string): LlmError {
  return new LlmError(`anthropic ${message}`, { kind: 'invalid_response', provider: 'anthropic', retryable: true });
}

/** A Messages API response → our fields. Text blocks are concatenated; `tool_use` blocks become tool calls. */
export function fromAnthropicMessage(message: Message): ParsedResponse {
  if (message?.type !== 'message' || !Array.isArray(message.content)) {
    throw new LlmError(`anthropic returned ${String((message as { type?: unknown })?.type)}, not a message`, {
      kind: 'invalid_response',
      provider: 'anthropic',
      retryable: false,
    });
  }
  if (!message.stop_reason) {
    throw brokenAnswer('returned a message without a stop_reason (the answer may be cut short)');
  }
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'tool_use') {
      const input: unknown = block.input ?? {};
      // An input that is not an object is kept as text, like invalid JSON arguments, so the call is refused.
      toolCalls.push(
        typeof input === 'object' && input !== null && !Array.isArray(input)
          ? { id: block.id, name: block.name, arguments: input as Record<string, unknown> }
          : { id: block.id, name: block.name, arguments: {}, rawArguments: JSON.stringify(input) },
      );
    }
  }
  return {
    text,
    toolCalls,
    usage: usageOf(message.usage),
    model: message.model,
    finishReason: anthropicFinishReason(message.stop_reason),
  };
}

/**
 * Aggregates a Messages stream: `message_start` (model, input usage), text and `input_json_delta` fragments per
 * block index, `message_delta` (stop reason, cumulative usage). `onFirstToken` fires on the first content.
 * The event order is checked: one `message_start` first, each block started once and written only while open,
 * one `message_stop` last. A stream that breaks it (empty, cut before `message_stop`, duplicated or late events)
 * is `invalid_response`.
 */
export async function aggregateAnthropicStream(
  stream: AsyncIterable<RawMessageStreamEvent>,
  onFirstToken: () => void,
): Promise<ParsedResponse & { events: RawMessageStreamEvent[] }> {
  const events: RawMessageStreamEvent[] = [];
  const blocks = new Map<
    number,
    { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; json: string } | { kind: 'other' }
  >();
  const open = new Set<number>();
  let model = '';
  let stop: string | null | undefined;
  let usage: AnthropicUsage = {};
  let seenToken = false;
  let started = false;
  let stopped = false;
  const firstToken = (): void => {
    if (!seenToken) {
      seenToken = true;
      onFirstToken();
    }
  };
  for await (const event of stream) {
    events.push(event);
    if (stopped) throw brokenAnswer(`streamed ${String(event?.type)} after message_stop (duplicated or late events)`);
    if (!started && event.type !== 'message_start') {
      throw brokenAnswer(`streamed ${String(event?.type)} before message_start`);
    }
    switch (event.type) {
      case 'message_start':
        if (started) throw brokenAnswer('streamed message_start twice (duplicated events)');
        started = true;
        model = event.message.model;
        usage = { ...event.message.usage };
        break;
      case 'content_block_start':
        if (blocks.has(event.index)) {
          throw brokenAnswer(`streamed content block ${event.index} twice (duplicated events)`);
        }
        open.add(event.index);
        if (event.content_block.type === 'text')
          blocks.set(event.index, { kind: 'text', text: event.content_block.text });
        else if (event.content_block.type === 'tool_use') {
          firstToken();
          const { id, name } = event.content_block;
          blocks.set(event.index, { kind: 'tool', id, name, json: '' });
        } else blocks.set(event.index, { kind: 'other' });
        break;
      case 'content_block_delta': {
        if (!open.has(event.index)) {
          throw brokenAnswer(`streamed a delta for content block ${event.index}, which is not open`);
        }
        const block = blocks.get(event.index);
        if (event.delta.type === 'text_delta' && block?.kind === 'text') {
          if (event.delta.text !== '') firstToken();
          block.text += event.delta.text;
        } else if (event.delta.type === 'input_json_delta' && block?.kind === 'tool') {
          block.json += event.delta.partial_json;
        }
        break;
      }
      case 'content_block_stop':
        if (!open.delete(event.index)) {
          throw brokenAnswer(`streamed content_block_stop for block ${event.index}, which is not open`);
        }
        break;
      case 'message_delta':
        stop = event.delta.stop_reason ?? stop;
        for (const [key, value] of Object.entries(event.usage ?? {})) {
          if (typeof value === 'number') usage[key as keyof AnthropicUsage] = value;
        }
        break;
      case 'message_stop':
        stopped = true;
        break;
    }
  }
  if (events.length === 0) throw brokenAnswer('stream ended without any event (an empty stream)');
  if (!stopped) throw brokenAnswer('stream ended before message_stop (cut short)');
  if (open.size > 0) throw brokenAnswer(`stream stopped with content block ${[...open][0]} still open`);
  if (!stop) throw brokenAnswer('stream ended without a stop_reason');
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const [, block] of [...blocks.entries()].sort(([a], [b]) => a - b)) {
    if (block.kind === 'text') text += block.text;
    else if (block.kind === 'tool') toolCalls.push(parseToolCall(block.id, block.name, block.json));
  }
  return { text, toolCalls, usage: usageOf(usage), model, finishReason: anthropicFinishReason(stop), events };
}
