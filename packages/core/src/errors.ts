/**
 * The error catalogue of `@agent-cicd/core`: every code it raises, with its one-line meaning. docs/errors.md is
 * generated from this map and the other packages' (`npm run docs:errors`); a test fails when a code raised in the
 * source is missing here or the docs are stale.
 */
export const coreErrorCatalogue = {
  AGENT_CICD_FILE_NOT_FOUND: 'a file named on the command line or referenced by another file does not exist',
  AGENT_CICD_FILE_UNREADABLE: 'a path exists but cannot be read as a file (a directory, no permission)',
  AGENT_CICD_FILE_TOO_LARGE:
    'a file is larger than agent-cicd reads (8 MiB for files people write, 256 MiB for reports, journals, cassettes and history)',
  AGENT_CICD_FILE_NOT_UTF8: 'a file holds bytes that are not UTF-8 (e.g. Latin-1); the error points at the first one',
  AGENT_CICD_FILE_OUTSIDE_PROJECT:
    'a path in a file (a manifest prompt, a mock script, a cassette) resolves outside the project root',
  AGENT_CICD_PARSE_ERROR:
    'YAML or JSON syntax error, a duplicate key, nesting deeper than 256 levels or a YAML alias bomb (JSON is parsed strictly: no trailing commas)',
  AGENT_CICD_SUITE_INVALID:
    'a suite or cases file breaks the schema: unknown key, wrong type, duplicate case id, no cases, both spellings of a key, invalid `/regex/` keyword',
  AGENT_CICD_PLUGIN_MISSING:
    'a test file uses `describePrompt`/`promptTest` (or a suite file is run) in a Vitest project without `agentCicd()` in its `plugins`',
  AGENT_CICD_CONFIG_INVALID:
    'the config file breaks its schema, cannot be loaded (a `.ts` config without tsx), or two config files sit in one directory',
  AGENT_CICD_TIER_INVALID: '`--tier`, `AGENT_CICD_TIER` or `DEPLOYMENT_ENV` names no tier',
  AGENT_CICD_MANIFEST_INVALID:
    'the prompt manifest breaks its schema (unknown key, malformed `sha256:` hash, `currentVersion` not among `versions`)',
  AGENT_CICD_MANIFEST_HASH_MISMATCH: 'a prompt file does not match (or has no) hash in the manifest',
  AGENT_CICD_PROMPT_NOT_FOUND: 'a suite, case or tier names a prompt or version the manifest does not have',
  AGENT_CICD_TEMPLATE_INVALID:
    'a template does not parse (unclosed `{{` or block), uses a partial or unknown helper, or fails while rendering',
  AGENT_CICD_TEMPLATE_VARIABLE_MISSING: 'rendering needs a variable that `vars` does not provide',
  AGENT_CICD_TEMPLATE_VARIABLE_UNDECLARED: 'lint: a template uses a variable its manifest version does not declare',
  AGENT_CICD_TEMPLATE_VARIABLE_UNUSED: 'lint warning: a declared variable is not used',
  AGENT_CICD_TARGET_INVALID:
    "a suite's target (module, command or HTTP) cannot be loaded or returned something that is not an answer",
  AGENT_CICD_TOOL_INVALID:
    'a tool is defined twice, has an invalid JSON Schema, or a mock tools file breaks its schema',
  AGENT_CICD_RESUME_INVALID: '`run --resume` was given a results file of another run, or one that is not a journal',
  AGENT_CICD_JOURNAL_INVALID:
    'writing the report: a case line of the results journal (`.jsonl`) is not a case record (changed while the run wrote it?)',
  AGENT_CICD_RESULTS_LOCKED:
    'another run holds the lock of this results file (`<journal>.lock`); wait for it, or delete a lock left by a crash',
  AGENT_CICD_BUDGET_EXCEEDED:
    'the run spent its `--max-cost` or `--max-calls` budget, or a `--max-cost` run got an answer from a model without a price (the report status is `budget_exceeded`)',
  AGENT_CICD_INIT_FILE_EXISTS: '`agent-cicd init` would overwrite a file; nothing was written',
  AGENT_CICD_STATS_INVALID_ARGUMENT:
    'a statistics function got a negative or fractional count, successes > trials, a confidence outside (0, 1), k > n or an empty list',
  AGENT_CICD_LLM_RATE_LIMIT: 'model call: the provider rate-limited the request (retried)',
  AGENT_CICD_LLM_OVERLOADED: 'model call: the provider is overloaded (retried)',
  AGENT_CICD_LLM_AUTH: 'model call: the API key was refused',
  AGENT_CICD_LLM_INVALID_REQUEST: 'model call: the provider refused the request as invalid',
  AGENT_CICD_LLM_CONTEXT_LENGTH: 'model call: the prompt is longer than the model accepts',
  AGENT_CICD_LLM_NOT_FOUND: 'model call: the model or endpoint does not exist',
  AGENT_CICD_LLM_TIMEOUT: 'model call: no answer within the timeout (retried)',
  AGENT_CICD_LLM_SERVER: 'model call: the provider answered with a server error (retried)',
  AGENT_CICD_LLM_NETWORK: 'model call: the connection failed (retried)',
  AGENT_CICD_LLM_INVALID_RESPONSE:
    'model call: the answer was empty, cut short or malformed (no choices, a stream without its end event, …) (retried)',
  AGENT_CICD_LLM_UNKNOWN: 'model call: any other provider failure',
  AGENT_CICD_LLM_SDK_MISSING:
    'a real provider is configured but its SDK (`openai`, `@anthropic-ai/sdk`) is not installed',
  AGENT_CICD_LLM_API_KEY_MISSING: 'a real provider is configured but its API key variable is not set',
  AGENT_CICD_EMBEDDINGS_UNSUPPORTED: 'a `similar` check needs embeddings and the provider has no embeddings API',
  AGENT_CICD_MOCK_SCRIPT_INVALID: 'a mock script breaks its schema (bad `/regex/`, unknown `{{placeholder}}`, …)',
  AGENT_CICD_MOCK_NO_MATCH:
    'no rule of the mock script matched a request (names the script, turn, case and last user message)',
  AGENT_CICD_MOCK_FAULTS_INVALID: 'a faults file breaks its schema',
  AGENT_CICD_MOCK_SERVER_NO_MODEL: 'the mock server serves cassettes only and was asked to record',
  AGENT_CICD_MOCK_SERVER_BAD_REQUEST: 'the mock server got a request body that is not the JSON its endpoint expects',
  AGENT_CICD_CASSETTE_MISS: 'replay mode and the cassette has no entry for the request (says how to record)',
  AGENT_CICD_CASSETTE_INVALID: 'a cassette file is not a cassette (wrong version, entries of the wrong shape)',
  AGENT_CICD_CASSETTE_MODE_INVALID: '`--cassette` / `AGENT_CICD_CASSETTE` is not `record`, `replay`, `auto` or `off`',
  AGENT_CICD_CASSETTE_OPTIONS_INVALID: '`createCassetteClient` got both or neither of `file` and `dir`',
  AGENT_CICD_REPORT_INVALID: 'a run report is not a valid `RunReport`, or reports to merge do not fit together',
} as const satisfies Record<string, string>;

/** A code of {@link coreErrorCatalogue}. */
export type CoreErrorCode = keyof typeof coreErrorCatalogue;

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
