/** Where in a user's file a problem is. Line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** Field path such as `cases[2].expected_tools`. */
  path?: string;
}

/**
 * Base class of every error agent-cicd raises on purpose. `code` is stable and documented;
 * `message` is one line a user can act on.
 */
export class AgentCicdError extends Error {
  readonly code: string;
  readonly location: SourceLocation | undefined;

  constructor(code: string, message: string, options: { cause?: unknown; location?: SourceLocation } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgentCicdError';
    this.code = code;
    this.location = options.location;
  }
}

/** Formats a location as `file:line:col path` (parts that are unknown are left out). */
export function formatLocation(location: SourceLocation): string {
  let out = location.file;
  if (location.line !== undefined) {
    out += `:${location.line}`;
    if (location.column !== undefined) out += `:${location.column}`;
  }
  if (location.path) out += ` ${location.path}`;
  return out;
}

/** One-line rendering of a user error: `file:line:col path: message`. */
export function formatUserError(error: AgentCicdError): string {
  return error.location ? `${formatLocation(error.location)}: ${error.message}` : error.message;
}

/**
 * What went wrong with a model call. `rate_limit`, `overloaded`, `timeout`, `server`, `network` and
 * `invalid_response` are transient and retried by default; the others are not.
 */
export type LlmErrorKind =
  | 'rate_limit'
  | 'overloaded'
  | 'auth'
  | 'invalid_request'
  | 'context_length'
  | 'not_found'
  | 'timeout'
  | 'server'
  | 'network'
  | 'invalid_response'
  | 'unknown';

export interface LlmErrorOptions {
  kind: LlmErrorKind;
  provider: string;
  retryable: boolean;
  /** HTTP status, when the provider answered. */
  status?: number;
  /** How long the provider asked us to wait (`retry-after-ms` / `retry-after`), in milliseconds. */
  retryAfterMs?: number;
  /** The provider's request id, for support tickets. */
  requestId?: string;
  cause?: unknown;
}

/**
 * A failed model call, whatever the provider. Code `AGENT_CICD_LLM_<KIND>` (e.g. `AGENT_CICD_LLM_RATE_LIMIT`).
 * A case whose model call fails is an error, never a pass.
 */
export class LlmError extends AgentCicdError {
  readonly kind: LlmErrorKind;
  readonly provider: string;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, options: LlmErrorOptions) {
    super(`AGENT_CICD_LLM_${options.kind.toUpperCase()}`, message, { cause: options.cause });
    this.name = 'LlmError';
    this.kind = options.kind;
    this.provider = options.provider;
    this.retryable = options.retryable;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.requestId = options.requestId;
  }
}

/** Code of {@link StatsArgumentError}. */
export const STATS_INVALID_ARGUMENT = 'AGENT_CICD_STATS_INVALID_ARGUMENT';

/**
 * A statistics function got an argument outside its domain (a negative or fractional count, more successes
 * than trials, a confidence outside (0, 1), k > n, …). The equivalent of a `RangeError`.
 */
export class StatsArgumentError extends AgentCicdError {
  constructor(message: string) {
    super(STATS_INVALID_ARGUMENT, message);
    this.name = 'StatsArgumentError';
  }
}

/**
 * A file with one or more problems (schema violations, syntax errors). It reads as its first problem, so
 * `formatUserError` prints one line; `problems` holds all of them for `agent-cicd lint`.
 */
export class InvalidFileError extends AgentCicdError {
  readonly problems: AgentCicdError[];

  constructor(problems: [AgentCicdError, ...AgentCicdError[]]) {
    const [first] = problems;
    super(first.code, first.message, { location: first.location });
    this.name = 'InvalidFileError';
    this.problems = problems;
  }
}
