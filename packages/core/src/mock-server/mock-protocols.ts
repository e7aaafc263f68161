import type { IncomingHttpHeaders } from 'node:http';
import { anthropicMessagesProtocol } from './anthropic-messages-protocol.js';
import { embeddingsProtocol } from './embeddings-protocol.js';
import type { MockProtocol } from './mock-protocol.js';
import { modelsProtocol } from './models-protocol.js';
import { openAiChatProtocol } from './openai-chat-protocol.js';

/** Every API the mock server speaks, one protocol object each. */
export const MOCK_PROTOCOLS: readonly MockProtocol[] = [
  openAiChatProtocol,
  anthropicMessagesProtocol,
  embeddingsProtocol,
  modelsProtocol,
];

/** The error shape for a request no protocol serves (404): Anthropic's when the client sent `anthropic-version`. */
export function fallbackProtocol(headers: IncomingHttpHeaders): MockProtocol {
  return headers['anthropic-version'] ? anthropicMessagesProtocol : openAiChatProtocol;
}
