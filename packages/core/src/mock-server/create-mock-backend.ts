import type { LlmClient, LlmRequest } from '../llm/types.js';
import { directAnswerOf } from '../mock/create-mock-llm.js';
import type { MockBackend } from './mock-protocol.js';

/**
 * What a protocol answers with: the client, its `complete` — the scripted mock's direct answer (synchronous unless
 * a rule simulates latency: no promise per request), any other client's `complete` — and the model list.
 */
export function createMockBackend(llm: LlmClient, models: readonly string[]): MockBackend {
  const complete = directAnswerOf(llm) ?? (async (request: LlmRequest) => llm.complete(request));
  return { llm, complete, models };
}
