import type { LlmResponse } from '../llm/types.js';
import { mockRuleOf } from '../mock/mock-rule-of.js';
import {
  anthropicErrorBody,
  anthropicMessageJson,
  anthropicMessagesToChat,
  anthropicToLlmRequest,
  llmToAnthropicStream,
} from './anthropic-wire.js';
import { answerChat, type ChatProtocol, chatBody, chatFaultContext, noteChatCall, withLabels } from './chat-call.js';

/** Anthropic Messages: `POST /v1/messages`, JSON or SSE events from `message_start` to `message_stop`. */
export const anthropicMessagesProtocol: ChatProtocol = {
  api: 'anthropic',
  method: 'POST',
  path: '/v1/messages',
  provider: 'anthropic',
  hasBody: true,
  requestIdHeader: 'request-id',
  responseId: (n) => `msg_mock${String(n).padStart(6, '0')}`,
  mapMessages: (messages) => ({ messages: anthropicMessagesToChat(messages) }),
  parse(body, headers, entry) {
    const request = anthropicToLlmRequest(chatBody(body), withLabels({}, headers));
    return noteChatCall(request, false, entry);
  },
  faultContext: chatFaultContext,
  answer: answerChat,
  render: (response: LlmResponse, _call, frame) => anthropicMessageJson(response, frame.id, mockRuleOf(response)),
  stream: (response, call, frame) => (call.request.stream ? llmToAnthropicStream(response, frame.id) : undefined),
  brokenFrame: 'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0,\n\n',
  errorBody: anthropicErrorBody,
};
