import type { ChatMessage, LlmRequest, LlmResponse, ToolDefinition } from '../llm/types.js';
import {
  AnswerTail,
  isPlainResponse,
  isRecord,
  jsonNumber,
  jsonText,
  parseArguments,
  splitForStream,
  splitJson,
  sseFrame,
  textOf,
  WireError,
} from './wire-common.js';

/** Maps OpenAI chat messages to agent-cicd's: system/developer messages become the system text. */
export function openAiMessagesToChat(list: readonly unknown[]): { system?: string; messages: ChatMessage[] } {
  const systems: string[] = [];
  const messages: ChatMessage[] = [];
  // Tool names by call id, for the tool messages that follow; made on the first assistant tool call.
  let toolNames: Map<string, string> | undefined;
  for (let i = 0; i < list.length; i++) {
    const message = list[i];
    if (!isRecord(message)) throw new WireError(`messages[${i}] must be an object`);
    const role = message.role;
    if (role === 'system' || role === 'developer') systems.push(textOf(message.content));
    else if (role === 'user') messages.push({ role: 'user', content: textOf(message.content) });
    else if (role === 'assistant') {
      const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isRecord) : [];
      const toolCalls = calls.map((call) => {
        const fn = isRecord(call.function) ? call.function : {};
        const id = String(call.id ?? '');
        toolNames ??= new Map();
        toolNames.set(id, String(fn.name ?? ''));
        return { id, name: String(fn.name ?? ''), arguments: parseArguments(fn.arguments) };
      });
      messages.push(
        toolCalls.length > 0
          ? { role: 'assistant', content: textOf(message.content), toolCalls }
          : { role: 'assistant', content: textOf(message.content) },
      );
    } else if (role === 'tool') {
      const id = String(message.tool_call_id ?? '');
      messages.push({ role: 'tool', toolCallId: id, name: toolNames?.get(id) ?? '', content: textOf(message.content) });
    } else throw new WireError(`messages[${i}].role: unsupported role ${JSON.stringify(role)}`);
  }
  return systems.length > 0 ? { system: systems.join('\n'), messages } : { messages };
}

/** Decodes an OpenAI Chat Completions request body into an `LlmRequest`. */
export function openAiToLlmRequest(body: Record<string, unknown>, metadata: Record<string, string>): LlmRequest {
  if (!Array.isArray(body.messages)) throw new WireError("'messages' is a required property");
  const { system, messages } = openAiMessagesToChat(body.messages);
  const request: LlmRequest = { messages, metadata };
  if (typeof body.model === 'string') request.model = body.model;
  if (system !== undefined) request.system = system;
  if (Array.isArray(body.tools)) {
    request.tools = body.tools.filter(isRecord).map((tool): ToolDefinition => {
      const fn = isRecord(tool.function) ? tool.function : {};
      const definition: ToolDefinition = {
        name: String(fn.name ?? ''),
        parameters: isRecord(fn.parameters) ? fn.parameters : {},
      };
      if (typeof fn.description === 'string') definition.description = fn.description;
      return definition;
    });
  }
  const choice = body.tool_choice;
  if (choice === 'auto' || choice === 'none' || choice === 'required') request.toolChoice = choice;
  else if (isRecord(choice) && isRecord(choice.function)) request.toolChoice = { name: String(choice.function.name) };
  if (typeof body.temperature === 'number') request.temperature = body.temperature;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') request.maxTokens = maxTokens;
  if (body.stream === true) request.stream = true;
  return request;
}

const FINISH: Record<LlmResponse['finishReason'], string> = {
  stop: 'stop',
  tool_calls: 'tool_calls',
  length: 'length',
  content_filter: 'content_filter',
  error: 'stop',
  other: 'stop',
};

export interface OpenAiFrame {
  id: string;
  created: number;
}

const usageOf = (response: LlmResponse) => ({
  prompt_tokens: response.usage.inputTokens,
  completion_tokens: response.usage.outputTokens,
  total_tokens: response.usage.inputTokens + response.usage.outputTokens,
});

/** Encodes a response as a `chat.completion` object. */
export function llmToOpenAiCompletion(response: LlmResponse, frame: OpenAiFrame): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: response.text === '' && response.toolCalls.length > 0 ? null : response.text,
  };
  if (response.toolCalls.length > 0) {
    message.tool_calls = response.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
  }
  message.refusal = null;
  return {
    id: frame.id,
    object: 'chat.completion',
    created: frame.created,
    model: response.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: FINISH[response.finishReason] }],
    usage: usageOf(response),
    system_fingerprint: 'fp_agent_cicd_mock',
  };
}

/**
 * The JSON text of `llmToOpenAiCompletion` (plus `agent_cicd_mock: { rule }` when a script rule answered), written
 * directly: the mock server's hot path, byte-identical to `JSON.stringify` of the object form (tested).
 */
export function openAiCompletionJson(response: LlmResponse, frame: OpenAiFrame, rule?: string): string {
  if (!isPlainResponse(response, FINISH) || !Number.isFinite(frame.created)) {
    const mock = rule === undefined ? '' : `,"agent_cicd_mock":{"rule":${jsonText(rule)}}`;
    return `${JSON.stringify(llmToOpenAiCompletion(response, frame)).slice(0, -1)}${mock}}`;
  }
  return `{"id":${JSON.stringify(frame.id)},"object":"chat.completion","created":${frame.created},${completionTail(response, rule)}`;
}

// Everything after `"created":…,` depends only on the answer and the rule, and a mock gives the same answer over and
// over: the last text-only tail is remembered with what it was written from.
let lastTail: AnswerTail | undefined;

/** The body of a chat.completion after its `created` field, for a plain response. */
function completionTail(response: LlmResponse, rule: string | undefined): string {
  const calls = response.toolCalls;
  const { inputTokens, outputTokens } = response.usage;
  if (calls.length === 0 && lastTail?.matches(response, rule)) return lastTail.json;
  const mock = rule === undefined ? '' : `,"agent_cicd_mock":{"rule":${jsonText(rule)}}`;
  const content = response.text === '' && calls.length > 0 ? 'null' : jsonText(response.text);
  const toolCalls =
    calls.length > 0
      ? `,"tool_calls":${JSON.stringify(
          calls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        )}`
      : '';
  const json =
    `"model":${jsonText(response.model)},"choices":[{"index":0,"message":{"role":"assistant",` +
    `"content":${content}${toolCalls},"refusal":null},"logprobs":null,"finish_reason":"${FINISH[response.finishReason]}"}],` +
    `"usage":{"prompt_tokens":${inputTokens},"completion_tokens":${outputTokens},` +
    `"total_tokens":${jsonNumber(inputTokens + outputTokens)}},"system_fingerprint":"fp_agent_cicd_mock"${mock}}`;
  if (calls.length === 0) lastTail = new AnswerTail(response, rule, json);
  return json;
}

/** Encodes a response as the SSE frames of a streamed completion, ending with `data: [DONE]`. */
export function llmToOpenAiStream(response: LlmResponse, frame: OpenAiFrame, includeUsage: boolean): string[] {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string => {
    const body: Record<string, unknown> = {
      id: frame.id,
      object: 'chat.completion.chunk',
      created: frame.created,
      model: response.model,
      system_fingerprint: 'fp_agent_cicd_mock',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (includeUsage) body.usage = null;
    return sseFrame(JSON.stringify(body));
  };
  const frames = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of splitForStream(response.text)) frames.push(chunk({ content: piece }));
  response.toolCalls.forEach((call, index) => {
    frames.push(
      chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }),
    );
    for (const part of splitJson(JSON.stringify(call.arguments))) {
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
    }
  });
  frames.push(chunk({}, FINISH[response.finishReason]));
  if (includeUsage) {
    frames.push(
      sseFrame(
        JSON.stringify({
          id: frame.id,
          object: 'chat.completion.chunk',
          created: frame.created,
          model: response.model,
          system_fingerprint: 'fp_agent_cicd_mock',
          choices: [],
          usage: usageOf(response),
        }),
      ),
    );
  }
  frames.push(sseFrame('[DONE]'));
  return frames;
}

const OPENAI_ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: null },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

/** An error body shaped like OpenAI's: `{ error: { message, type, param, code } }`. */
export function openAiErrorBody(status: number, message: string, code?: string): Record<string, unknown> {
  const known = OPENAI_ERROR_TYPES[status] ?? {
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  };
  return { error: { message, type: known.type, param: null, code: code ?? known.code } };
}
