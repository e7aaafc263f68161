/**
 * The one interface through which everything in agent-cicd calls a model. Adapters (OpenAI, Anthropic,
 * mock, cassette) implement it; the agent loop, the judge and the runner only ever see this.
 */

/** A tool the model may call. `parameters` is a JSON Schema object. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
}

/** A tool call the model asked for; `arguments` is the parsed JSON object. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /** The model's argument text, present only when it was not a JSON object (then `arguments` is `{}`). */
  rawArguments?: string;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string; isError?: boolean };

export interface LlmRequest {
  /** Model name; adapters fall back to their configured default when absent. */
  model?: string;
  system?: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  /** Force a tool call: `'auto'` (default), `'required'`, `'none'`, or a tool name. */
  toolChoice?: 'auto' | 'required' | 'none' | { name: string };
  temperature?: number;
  maxTokens?: number;
  /** Ask for streaming; the result is aggregated into the same `LlmResponse`. */
  stream?: boolean;
  signal?: AbortSignal;
  /** Free-form labels that travel to cassettes and mock rules (e.g. `promptVersion`, `caseId`). Not part of the cassette key. */
  metadata?: Record<string, string>;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'error' | 'other';

export interface LlmResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: LlmUsage;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  model: string;
  finishReason: FinishReason;
  /** Cost in USD from the price table; undefined when the model has no price. */
  costUsd?: number;
  /** The provider's raw response (or aggregated stream events). */
  raw?: unknown;
}

export interface LlmClient {
  /** Provider id used in cassette keys and limits, e.g. `openai`, `anthropic`, `mock`. */
  readonly provider: string;
  complete(request: LlmRequest): Promise<LlmResponse>;
  /** Embeddings (OpenAI-compatible `/v1/embeddings`); absent when the provider has none (Anthropic). */
  embed?(request: EmbeddingRequest): Promise<EmbeddingResponse>;
}

export interface EmbeddingRequest {
  /** Embedding model; adapters fall back to their default (`text-embedding-3-small` for OpenAI). */
  model?: string;
  input: string[];
  signal?: AbortSignal;
  /** Labels for cassettes and mock rules; not part of the cassette key. */
  metadata?: Record<string, string>;
}

export interface EmbeddingResponse {
  /** One vector per input, in input order. */
  vectors: number[][];
  model: string;
  usage: { inputTokens: number };
  latencyMs: number;
  costUsd?: number;
}

/** How an OpenAI-style adapter sends `maxTokens`. */
export type MaxTokensParam = 'max_tokens' | 'max_completion_tokens';
