import { createHash } from 'node:crypto';
import type { LlmRequest } from '../llm/types.js';
import { canonicalJson } from './canonical-json.js';

/** The part of a request that decides the answer; volatile fields (signal, metadata, stream) are left out. */
export interface CanonicalRequest {
  provider: string;
  model: string | null;
  system: string | null;
  messages: LlmRequest['messages'];
  tools: NonNullable<LlmRequest['tools']>;
  temperature: number | null;
  maxTokens: number | null;
  toolChoice: LlmRequest['toolChoice'] | null;
}

/** Projects a request onto the fields that key a cassette entry. */
export function canonicalRequest(provider: string, request: LlmRequest): CanonicalRequest {
  return {
    provider,
    model: request.model ?? null,
    system: request.system ?? null,
    messages: request.messages,
    tools: request.tools ?? [],
    temperature: request.temperature ?? null,
    maxTokens: request.maxTokens ?? null,
    toolChoice: request.toolChoice ?? null,
  };
}

/** sha256 (hex) of the canonical JSON (sorted keys) of a canonical request. */
export function cassetteKey(canonical: CanonicalRequest): string {
  return createHash('sha256').update(canonicalJson(canonical)).digest('hex');
}
