import type { IncomingHttpHeaders } from 'node:http';
import { readLabelHeaders } from '../llm/label-headers.js';
import type { ChatMessage, LlmRequest, LlmResponse } from '../llm/types.js';
import type { FaultContext } from './faults.js';
import { isPromiseLike } from './is-promise-like.js';
import type { MockBackend, MockProtocol } from './mock-protocol.js';
import type { MockServerRequest } from './request-log.js';
import { isRecord, WireError } from './wire-common.js';

/** A model call decoded from a chat API request. */
export interface ChatCall {
  request: LlmRequest;
  /** OpenAI `stream_options.include_usage`: a usage chunk before `[DONE]`. */
  includeUsage: boolean;
}

/** A chat API (OpenAI Chat Completions, Anthropic Messages): a protocol that also exposes its message mapping. */
export interface ChatProtocol extends MockProtocol<ChatCall, LlmResponse> {
  /** Maps the API's `messages` list to agent-cicd's messages (and system text, where the API keeps it in the list). */
  mapMessages(messages: readonly unknown[]): { system?: string; messages: ChatMessage[] };
}

/** The body as a JSON object, or a 400. */
export function chatBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new WireError('the request body must be a JSON object');
  return body;
}

/** Adds the `x-agent-cicd-*` labels (case id, trial, prompt version, …) to `metadata`; labels win. */
export function withLabels(metadata: Record<string, string>, headers: IncomingHttpHeaders): Record<string, string> {
  const labels = readLabelHeaders(headers);
  for (const key in labels) {
    const value = labels[key];
    if (value) metadata[key] = value;
  }
  return metadata;
}

/** Notes a decoded call in the request log and returns it. */
export function noteChatCall(request: LlmRequest, includeUsage: boolean, entry: MockServerRequest): ChatCall {
  let lastUser = '';
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i] as ChatMessage;
    if (message.role === 'user') {
      lastUser = message.content;
      break;
    }
  }
  entry.model = request.model;
  entry.stream = request.stream === true;
  if (request.tools && request.tools.length > 0) entry.offeredTools = request.tools.map((tool) => tool.name);
  entry.lastUserMessage = lastUser;
  const caseId = request.metadata?.caseId;
  if (caseId) entry.caseId = caseId;
  return { request, includeUsage };
}

/** What fault rules see of a chat call: the path, the model and the last user message. */
export function chatFaultContext(call: ChatCall, entry: MockServerRequest): FaultContext {
  return { path: entry.path, model: call.request.model ?? '', message: entry.lastUserMessage ?? '' };
}

/**
 * Answers a chat call with the backend's client and logs the tools it called: synchronously when the client answers
 * synchronously (the scripted mock), else a promise.
 */
export function answerChat(
  call: ChatCall,
  backend: MockBackend,
  entry: MockServerRequest,
): LlmResponse | Promise<LlmResponse> {
  const response = backend.complete(call.request);
  return isPromiseLike(response)
    ? Promise.resolve(response).then((done) => noteCalledTools(done, entry))
    : noteCalledTools(response, entry);
}

function noteCalledTools(response: LlmResponse, entry: MockServerRequest): LlmResponse {
  if (response.toolCalls.length > 0) entry.calledTools = response.toolCalls.map((toolCall) => toolCall.name);
  return response;
}
