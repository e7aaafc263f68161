import type {
  Response,
  ResponseCreateParamsBase,
  ResponseInputItem,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { LlmError } from '../errors.js';
import type { ParsedResponse } from './build-response.js';
import { parseToolCall } from './parse-tool-arguments.js';
import type { FinishReason, LlmRequest, ToolCall } from './types.js';

function toResponsesInput(request: LlmRequest): ResponseInputItem[] {
  const input: ResponseInputItem[] = [];
  for (const message of request.messages) {
    if (message.role === 'user') input.push({ role: 'user', content: message.content });
    else if (message.role === 'tool') {
      input.push({ type: 'function_call_output', call_id: message.toolCallId, output: message.content });
    } else {
      if (message.content !== '') input.push({ role: 'assistant', content: message.content });
      for (const call of message.toolCalls ?? []) {
        input.push({
          type: 'function_call',
          call_id: call.id,
          name: call.name,
          arguments: call.rawArguments ?? JSON.stringify(call.arguments),
        });
      }
    }
  }
  return input;
}

/** Our request → Responses API parameters (without `stream`). Function tools are sent non-strict. */
export function toResponsesRequest(request: LlmRequest, model: string): ResponseCreateParamsBase {
  const params: ResponseCreateParamsBase = { model, input: toResponsesInput(request) };
  if (request.system) params.instructions = request.system;
  if (request.tools?.length) {
    params.tools = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters,
      strict: false,
    }));
    const choice = request.toolChoice;
    if (choice) params.tool_choice = typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
  }
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxTokens !== undefined) params.max_output_tokens = request.maxTokens;
  return params;
}

function finishReason(response: Response, toolCalls: ToolCall[]): FinishReason {
  if (response.status === 'incomplete') {
    const reason = response.incomplete_details?.reason;
    return reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'content_filter' : 'other';
  }
  if (response.status === 'failed') return 'error';
  return toolCalls.length > 0 ? 'tool_calls' : 'stop';
}

/** A Responses API object → our fields: `output_text` parts (and refusals) as text, `function_call` items as tool calls. */
export function fromResponsesObject(response: Response): ParsedResponse {
  if (response?.object !== 'response' || !Array.isArray(response.output)) {
    const object = (response as { object?: unknown } | null)?.object;
    throw new LlmError(`openai returned ${String(object ?? 'an unknown object')}, not a Responses API object`, {
      kind: 'invalid_response',
      provider: 'openai',
      retryable: false,
    });
  }
  let text = '';
  let refused = false;
  const toolCalls: ToolCall[] = [];
  for (const item of response.output) {
    if (item.type === 'message') {
      for (const part of item.content) {
        if (part.type === 'refusal') refused = true;
        text += part.type === 'output_text' ? part.text : part.refusal;
      }
    } else if (item.type === 'function_call') {
      toolCalls.push(parseToolCall(item.call_id, item.name, item.arguments));
    }
  }
  return {
    text,
    toolCalls,
    usage: { inputTokens: response.usage?.input_tokens ?? 0, outputTokens: response.usage?.output_tokens ?? 0 },
    model: response.model,
    finishReason: refused ? 'content_filter' : finishReason(response, toolCalls),
  };
}

const TOKEN_EVENTS = new Set([
  'response.output_text.delta',
  'response.refusal.delta',
  'response.function_call_arguments.delta',
]);
const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Reads a Responses stream: deltas only time the first token; the final `response.completed` (or `.incomplete`,
 * `.failed`) event carries the whole response, which is parsed like a non-streamed one.
 */
export async function aggregateResponsesStream(
  stream: AsyncIterable<ResponseStreamEvent>,
  onFirstToken: () => void,
): Promise<ParsedResponse & { events: ResponseStreamEvent[] }> {
  const events: ResponseStreamEvent[] = [];
  let final: Response | undefined;
  let seenToken = false;
  for await (const event of stream) {
    if (typeof event?.type !== 'string') {
      throw new LlmError('openai streamed something that is not a Responses API event (a chat completion?)', {
        kind: 'invalid_response',
        provider: 'openai',
        retryable: false,
      });
    }
    events.push(event);
    if (!seenToken && TOKEN_EVENTS.has(event.type)) {
      seenToken = true;
      onFirstToken();
    }
    if (FINAL_EVENTS.has(event.type)) final = (event as { response: Response }).response;
  }
  if (!final) {
    throw new LlmError('openai stream ended without a final response event', {
      kind: 'invalid_response',
      provider: 'openai',
      retryable: true,
    });
  }
  return { ...fromResponsesObject(final), events };
}
