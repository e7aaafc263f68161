import { LlmError, type LlmErrorKind } from '../errors.js';
import type { MockErrorKind, MockErrorSpec } from './mock-script-schema.js';

// Keyed by LlmErrorKind so a kind added there must be given a status here.
const DEFAULT_STATUS: Record<LlmErrorKind, number | undefined> = {
  rate_limit: 429,
  overloaded: 529,
  auth: 401,
  invalid_request: 400,
  context_length: 400,
  not_found: 404,
  timeout: 408,
  server: 500,
  network: undefined,
  invalid_response: undefined,
  unknown: undefined,
};

const RETRYABLE = new Set<MockErrorKind>(['rate_limit', 'overloaded', 'timeout', 'server', 'network']);

/** The `LlmError` (provider `mock`) a rule's `error` raises: the same type the real adapters throw. */
export function createMockLlmError(spec: MockErrorSpec, where: string): LlmError {
  return new LlmError(`${spec.message ?? `simulated ${spec.kind} error`} (${where})`, {
    kind: spec.kind,
    provider: 'mock',
    retryable: RETRYABLE.has(spec.kind),
    status: spec.status ?? DEFAULT_STATUS[spec.kind],
    retryAfterMs: spec.retryAfterMs,
  });
}
