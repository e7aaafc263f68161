import { AgentCicdError } from '../errors.js';
import type { MockErrorKind, MockErrorSpec } from './mock-script-schema.js';

const DEFAULT_STATUS: Record<MockErrorKind, number | undefined> = {
  rate_limit: 429,
  overloaded: 529,
  auth: 401,
  invalid_request: 400,
  context_length: 400,
  timeout: 408,
  server: 500,
  network: undefined,
};

const RETRYABLE = new Set<MockErrorKind>(['rate_limit', 'overloaded', 'timeout', 'server', 'network']);

/**
 * The error a mock rule raises. It has the fields of the provider adapters' `LlmError` (`kind`, `status`,
 * `retryable`, `retryAfterMs`) so retry logic and the mock server treat both alike.
 */
export class MockLlmError extends AgentCicdError {
  readonly kind: MockErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(spec: MockErrorSpec, where: string) {
    super('AGENT_CICD_LLM_ERROR', `${spec.message ?? `simulated ${spec.kind} error`} (${where})`);
    this.name = 'MockLlmError';
    this.kind = spec.kind;
    this.status = spec.status ?? DEFAULT_STATUS[spec.kind];
    this.retryable = RETRYABLE.has(spec.kind);
    this.retryAfterMs = spec.retryAfterMs;
  }
}
