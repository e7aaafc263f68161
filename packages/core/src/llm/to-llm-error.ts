import { LlmError, type LlmErrorKind } from '../errors.js';
import { type HeadersLike, parseRetryAfter, parseShouldRetry } from './retry-after.js';

const RETRYABLE_KINDS: ReadonlySet<LlmErrorKind> = new Set([
  'rate_limit',
  'overloaded',
  'timeout',
  'server',
  'network',
  'invalid_response',
]);

/** Error `type` values in provider bodies (Anthropic `error.type`, OpenAI `error.type`/`code`) → our kinds. */
const KIND_BY_TYPE: Record<string, LlmErrorKind> = {
  rate_limit_error: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  overloaded_error: 'overloaded',
  authentication_error: 'auth',
  permission_error: 'auth',
  invalid_api_key: 'auth',
  not_found_error: 'not_found',
  model_not_found: 'not_found',
  api_error: 'server',
  server_error: 'server',
  timeout_error: 'timeout',
  context_length_exceeded: 'context_length',
  string_above_max_length: 'context_length',
  request_too_large: 'invalid_request',
  invalid_request_error: 'invalid_request',
};

const CONTEXT_LENGTH_MESSAGE =
  /prompt is too long|context[ _]length|context window|maximum context|too many (input )?tokens|input is too long/i;

interface ErrorFacts {
  status: number | undefined;
  headers: HeadersLike | undefined;
  types: string[];
  codes: string[];
  apiMessage: string | undefined;
  requestId: string | undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function strings(...values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v !== '' && v !== 'error');
}

/** Reads status, headers, body `type`/`code`/`message` from an SDK error (OpenAI and Anthropic shapes alike). */
function factsOf(error: Record<string, unknown>): ErrorFacts {
  // OpenAI: `error.error` is the body's `error` object. Anthropic: `error.error` is the whole body.
  const body = record(error.error);
  const inner = record(body?.error);
  const headers = record(error.headers) as HeadersLike | undefined;
  return {
    status: typeof error.status === 'number' ? error.status : undefined,
    headers,
    types: strings(error.type, body?.type, inner?.type),
    codes: strings(error.code, error.errorCode, body?.code, inner?.code),
    apiMessage: strings(inner?.message, body?.message)[0],
    requestId: strings(error.requestID, body?.request_id)[0],
  };
}

function kindOf(facts: ErrorFacts): LlmErrorKind {
  const { status, types, codes, apiMessage } = facts;
  for (const code of codes) {
    const kind = KIND_BY_TYPE[code];
    if (kind) {
      return kind === 'invalid_request' && apiMessage && CONTEXT_LENGTH_MESSAGE.test(apiMessage)
        ? 'context_length'
        : kind;
    }
  }
  if (
    (status === 400 || status === 413 || status === undefined) &&
    apiMessage &&
    CONTEXT_LENGTH_MESSAGE.test(apiMessage)
  ) {
    return 'context_length';
  }
  if (status === 529) return 'overloaded';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limit';
  if (status === 503) return 'overloaded';
  if (status !== undefined && status >= 500) return 'server';
  if (status === 409) return 'server';
  for (const type of types) {
    const kind = KIND_BY_TYPE[type];
    if (kind) return kind;
  }
  if (status !== undefined && status >= 400) return 'invalid_request';
  return 'unknown';
}

function networkKind(error: Record<string, unknown>): LlmErrorKind | undefined {
  const name = (error.constructor as { name?: string } | undefined)?.name ?? '';
  if (name === 'APIConnectionTimeoutError') return 'timeout';
  if (name === 'APIConnectionError') return 'network';
  if (error instanceof SyntaxError) return 'invalid_response';
  const code = typeof error.code === 'string' ? error.code : record(error.cause)?.code;
  if (typeof code === 'string' && /^(ECONN|ENOTFOUND|EPIPE|EAI_AGAIN|UND_ERR|ETIMEDOUT|EHOSTUNREACH)/.test(code)) {
    return code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' ? 'timeout' : 'network';
  }
  if (error instanceof TypeError && /fetch failed|terminated|network/i.test(String(error.message))) return 'network';
  return undefined;
}

const LABEL: Record<LlmErrorKind, string> = {
  rate_limit: 'rate limited',
  overloaded: 'overloaded',
  auth: 'authentication failed',
  invalid_request: 'invalid request',
  context_length: 'context length exceeded',
  not_found: 'not found',
  timeout: 'timed out',
  server: 'server error',
  network: 'network error',
  invalid_response: 'invalid response',
  unknown: 'call failed',
};

/**
 * Maps anything an SDK (or fetch) throws onto an {@link LlmError}: HTTP status, the body's error `type`/`code`
 * (OpenAI `context_length_exceeded`, Anthropic `overloaded_error`, "prompt is too long"), `retry-after-ms` /
 * `retry-after` and `x-should-retry` headers, connection and timeout errors. An `LlmError` is returned as is.
 */
export function toLlmError(error: unknown, options: { provider: string; now?: number }): LlmError {
  if (error instanceof LlmError) return error;
  const { provider } = options;
  const object = record(error) ?? { message: String(error) };
  const facts = factsOf(object);
  const fromApi = facts.status !== undefined || record(object.error) !== undefined;
  const kind = fromApi ? kindOf(facts) : (networkKind(object) ?? 'unknown');
  const retryable =
    kind === 'rate_limit' && facts.codes.includes('insufficient_quota')
      ? false
      : (parseShouldRetry(facts.headers) ?? RETRYABLE_KINDS.has(kind));
  const detail = facts.apiMessage ?? (typeof object.message === 'string' ? object.message : String(error));
  const status = facts.status === undefined ? '' : ` (HTTP ${facts.status})`;
  return new LlmError(`${provider} ${LABEL[kind]}${status}: ${detail.split('\n')[0]}`, {
    kind,
    provider,
    retryable,
    status: facts.status,
    retryAfterMs: parseRetryAfter(facts.headers, options.now),
    requestId: facts.requestId,
    cause: error,
  });
}
