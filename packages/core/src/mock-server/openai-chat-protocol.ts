import type { LlmResponse } from '../llm/types.js';
import { mockRuleOf } from '../mock/mock-rule-of.js';
import { answerChat, type ChatProtocol, chatBody, chatFaultContext, noteChatCall, withLabels } from './chat-call.js';
import {
  llmToOpenAiStream,
  openAiCompletionJson,
  openAiErrorBody,
  openAiMessagesToChat,
  openAiToLlmRequest,
} from './openai-wire.js';
import { isRecord } from './wire-common.js';

/** OpenAI Chat Completions: `POST /v1/chat/completions`, JSON or SSE ending with `data: [DONE]`. */
export const openAiChatProtocol: ChatProtocol = {
  api: 'openai',
  method: 'POST',
  path: '/v1/chat/completions',
  provider: 'openai',
  hasBody: true,
  requestIdHeader: 'x-request-id',
  responseId: (n) => `chatcmpl-mock${String(n).padStart(6, '0')}`,
  mapMessages: openAiMessagesToChat,
  parse(body, headers, entry) {
    const json = chatBody(body);
    // Request `metadata` strings label the call too; the x-agent-cicd-* headers win.
    const metadata: Record<string, string> = {};
    if (isRecord(json.metadata)) {
      for (const key in json.metadata) {
        const value = json.metadata[key];
        if (typeof value === 'string') metadata[key] = value;
      }
    }
    const request = openAiToLlmRequest(json, withLabels(metadata, headers));
    const includeUsage = isRecord(json.stream_options) && json.stream_options.include_usage === true;
    return noteChatCall(request, includeUsage, entry);
  },
  faultContext: chatFaultContext,
  answer: answerChat,
  render: (response: LlmResponse, _call, frame) => openAiCompletionJson(response, frame, mockRuleOf(response)),
  stream: (response, call, frame) =>
    call.request.stream ? llmToOpenAiStream(response, frame, call.includeUsage) : undefined,
  brokenFrame: 'data: {"id": "chatcmpl-broken", "choices": [\n\n',
  errorBody: (status, message) => openAiErrorBody(status, message),
};
