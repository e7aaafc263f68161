import type { ChatMessage, LlmRequest, LlmResponse, ToolCall, ToolDefinition } from '../llm/types.js';
import {
  AnswerTail,
  isPlainResponse,
  isRecord,
  jsonText,
  splitForStream,
  splitJson,
  sseFrame,
  textOf,
  WireError,
} from './wire-common.js';

/** Maps Anthropic messages (content blocks) to agent-cicd's: `tool_result` blocks become tool messages. */
export function anthropicMessagesToChat(list: readonly unknown[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  // Tool names by tool_use id, for the tool_result blocks that follow; made on the first tool_use.
  let toolNames: Map<string, string> | undefined;
  for (let i = 0; i < list.length; i++) {
    const message = list[i];
    if (!isRecord(message)) throw new WireError(`messages.${i}: Input should be a valid dictionary`);
    const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (!Array.isArray(blocks)) throw new WireError(`messages.${i}.content: Input should be a valid list`);
    const parts = blocks.filter(isRecord);
    if (message.role === 'assistant') {
      const toolCalls: ToolCall[] = parts
        .filter((block) => block.type === 'tool_use')
        .map((block) => {
          const id = String(block.id ?? '');
          toolNames ??= new Map();
          toolNames.set(id, String(block.name ?? ''));
          return { id, name: String(block.name ?? ''), arguments: isRecord(block.input) ? block.input : {} };
        });
      const content = textOf(parts.filter((block) => block.type === 'text'));
      messages.push(toolCalls.length > 0 ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content });
    } else if (message.role === 'user') {
      // Tool results come first in a user turn, then any text the user added.
      for (const block of parts.filter((part) => part.type === 'tool_result')) {
        const id = String(block.tool_use_id ?? '');
        const result: ChatMessage = {
          role: 'tool',
          toolCallId: id,
          name: toolNames?.get(id) ?? '',
          content: textOf(block.content),
        };
        if (block.is_error === true) result.isError = true;
        messages.push(result);
      }
      const textBlocks = parts.filter((part) => part.type === 'text');
      if (textBlocks.length > 0) messages.push({ role: 'user', content: textOf(textBlocks) });
    } else {
      throw new WireError(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
  }
  return messages;
}

/** Decodes an Anthropic Messages request body into an `LlmRequest`. */
export function anthropicToLlmRequest(body: Record<string, unknown>, metadata: Record<string, string>): LlmRequest {
  if (!Array.isArray(body.messages)) throw new WireError('messages: Field required');
  if (typeof body.max_tokens !== 'number') throw new WireError('max_tokens: Field required');
  const messages = anthropicMessagesToChat(body.messages);
  const request: LlmRequest = { messages, metadata, maxTokens: body.max_tokens };
  if (typeof body.model === 'string') request.model = body.model;
  const system = textOf(body.system);
  if (system) request.system = system;
  if (Array.isArray(body.tools)) {
    request.tools = body.tools.filter(isRecord).map((tool): ToolDefinition => {
      const definition: ToolDefinition = {
        name: String(tool.name ?? ''),
        parameters: isRecord(tool.input_schema) ? tool.input_schema : {},
      };
      if (typeof tool.description === 'string') definition.description = tool.description;
      return definition;
    });
  }
  const choice = body.tool_choice;
  if (isRecord(choice)) {
    if (choice.type === 'auto' || choice.type === 'none') request.toolChoice = choice.type;
    else if (choice.type === 'any') request.toolChoice = 'required';
    else if (choice.type === 'tool') request.toolChoice = { name: String(choice.name) };
  }
  if (typeof body.temperature === 'number') request.temperature = body.temperature;
  if (body.stream === true) request.stream = true;
  return request;
}

const STOP: Record<LlmResponse['finishReason'], string> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  length: 'max_tokens',
  content_filter: 'refusal',
  error: 'end_turn',
  other: 'end_turn',
};

function contentBlocks(response: LlmResponse): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (response.text !== '' || response.toolCalls.length === 0) blocks.push({ type: 'text', text: response.text });
  for (const call of response.toolCalls)
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
  return blocks;
}

/** Encodes a response as an Anthropic `message` object. */
export function llmToAnthropicMessage(response: LlmResponse, id: string): Record<string, unknown> {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: response.model,
    content: contentBlocks(response),
    stop_reason: STOP[response.finishReason],
    stop_sequence: null,
    usage: { input_tokens: response.usage.inputTokens, output_tokens: response.usage.outputTokens },
  };
}

/**
 * The JSON text of `llmToAnthropicMessage` (plus `agent_cicd_mock: { rule }` when a script rule answered), written
 * directly: byte-identical to `JSON.stringify` of the object form (tested).
 */
export function anthropicMessageJson(response: LlmResponse, id: string, rule?: string): string {
  if (!isPlainResponse(response, STOP)) {
    const mock = rule === undefined ? '' : `,"agent_cicd_mock":{"rule":${jsonText(rule)}}`;
    return `${JSON.stringify(llmToAnthropicMessage(response, id)).slice(0, -1)}${mock}}`;
  }
  return `{"id":${JSON.stringify(id)},${messageTail(response, rule)}`;
}

// Everything after the id depends only on the answer and the rule: the last text-only tail is remembered.
let lastTail: AnswerTail | undefined;

function messageTail(response: LlmResponse, rule: string | undefined): string {
  const textOnly = response.toolCalls.length === 0;
  if (textOnly && lastTail?.matches(response, rule)) return lastTail.json;
  const mock = rule === undefined ? '' : `,"agent_cicd_mock":{"rule":${jsonText(rule)}}`;
  const content = textOnly
    ? `[{"type":"text","text":${jsonText(response.text)}}]`
    : JSON.stringify(contentBlocks(response));
  const json =
    `"type":"message","role":"assistant","model":${jsonText(response.model)},` +
    `"content":${content},"stop_reason":"${STOP[response.finishReason]}",` +
    `"stop_sequence":null,"usage":{"input_tokens":${response.usage.inputTokens},` +
    `"output_tokens":${response.usage.outputTokens}}${mock}}`;
  if (textOnly) lastTail = new AnswerTail(response, rule, json);
  return json;
}

/** Encodes a response as the SSE events of a streamed message (message_start … message_stop). */
export function llmToAnthropicStream(response: LlmResponse, id: string): string[] {
  const event = (type: string, data: Record<string, unknown>): string =>
    sseFrame(JSON.stringify({ type, ...data }), type);
  const frames = [
    event('message_start', {
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: response.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: response.usage.inputTokens, output_tokens: 1 },
      },
    }),
  ];
  contentBlocks(response).forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      if (index === 0) frames.push(sseFrame('{"type": "ping"}', 'ping'));
      for (const text of splitForStream(response.text)) {
        frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      }
    } else {
      frames.push(
        event('content_block_start', {
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
      );
      if (index === 0) frames.push(sseFrame('{"type": "ping"}', 'ping'));
      for (const partial_json of ['', ...splitJson(JSON.stringify(block.input))]) {
        frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }));
      }
    }
    frames.push(event('content_block_stop', { index }));
  });
  frames.push(
    event('message_delta', {
      delta: { stop_reason: STOP[response.finishReason], stop_sequence: null },
      usage: { output_tokens: response.usage.outputTokens },
    }),
  );
  frames.push(event('message_stop', {}));
  return frames;
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** An error body shaped like Anthropic's: `{ type: 'error', error: { type, message }, request_id }`. */
export function anthropicErrorBody(status: number, message: string, requestId: string): Record<string, unknown> {
  const type = ANTHROPIC_ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return { type: 'error', error: { type, message }, request_id: requestId };
}
