import { AgentCicdError } from '../errors.js';
import type { LlmResponse, ToolCall } from '../llm/types.js';

/** An error raised while decoding a request body; served as HTTP 400 in the API's own error shape. */
export class WireError extends AgentCicdError {
  constructor(message: string) {
    super('AGENT_CICD_MOCK_SERVER_BAD_REQUEST', message);
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a list of text parts (`[{type:'text', text}]`) or a string as one string. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
      .filter((text) => text.length > 0)
      .join('\n');
  }
  return '';
}

/** Parses OpenAI's JSON-string tool arguments; a non-object keeps its text under `_raw` rather than failing. */
export function parseArguments(text: unknown): Record<string, unknown> {
  if (isRecord(text)) return text;
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : { _raw: text };
  } catch {
    return { _raw: text };
  }
}

/** Splits text into stream deltas of a few words, the way token streams arrive. */
export function splitForStream(text: string, wordsPerChunk = 3): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) out.push(words.slice(i, i + wordsPerChunk).join(''));
  return out;
}

/** Splits a tool call's JSON arguments into fragments (as providers stream `arguments` / `partial_json`). */
export function splitJson(json: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out;
}

/** Names of the tool calls in a response. */
export const calledToolNames = (calls: readonly ToolCall[]): string[] => calls.map((call) => call.name);

/** One server-sent event frame. */
export function sseFrame(data: string, event?: string): string {
  return event ? `event: ${event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
}

/** A number as JSON writes it (`null` for NaN and infinities). */
export const jsonNumber = (value: number): string => (Number.isFinite(value) ? String(value) : 'null');

/**
 * Whether a response has the plain shape the hand-written JSON writers assume (string text and model, finite
 * token counts, a known finish reason); anything else goes through `JSON.stringify` of the object form.
 */
export function isPlainResponse(response: LlmResponse, reasons: Record<string, string>): boolean {
  return (
    typeof response.text === 'string' &&
    typeof response.model === 'string' &&
    Number.isFinite(response.usage?.inputTokens) &&
    Number.isFinite(response.usage?.outputTokens) &&
    Object.hasOwn(reasons, response.finishReason) &&
    Array.isArray(response.toolCalls)
  );
}

// A mock answers the same few texts, models and rule names over and over: their JSON forms are remembered (a
// bounded map, cleared when full; long strings are not kept).
const jsonTexts = new Map<string, string>();
const JSON_TEXTS_LIMIT = 1024;
const JSON_TEXT_MAX_LENGTH = 4096;

/** `JSON.stringify` of a string, remembered for short strings. */
export function jsonText(value: string): string {
  if (value.length > JSON_TEXT_MAX_LENGTH) return JSON.stringify(value);
  let json = jsonTexts.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    if (jsonTexts.size >= JSON_TEXTS_LIMIT) jsonTexts.clear();
    jsonTexts.set(value, json);
  }
  return json;
}

/**
 * The JSON written for a text-only answer (no tool calls) and what it was written from: the text, model, finish
 * reason, token counts and answering rule. The chat protocols keep the last one and reuse its JSON when the next
 * answer is the same, as a scripted mock's answers mostly are.
 */
export class AnswerTail {
  readonly text: string;
  readonly model: string;
  readonly finishReason: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly rule: string | undefined;

  constructor(
    response: LlmResponse,
    rule: string | undefined,
    readonly json: string,
  ) {
    this.text = response.text;
    this.model = response.model;
    this.finishReason = response.finishReason;
    this.inputTokens = response.usage.inputTokens;
    this.outputTokens = response.usage.outputTokens;
    this.rule = rule;
  }

  /** Whether `response` (text-only, plain) answered by `rule` writes the same JSON. */
  matches(response: LlmResponse, rule: string | undefined): boolean {
    return (
      response.text === this.text &&
      response.model === this.model &&
      response.finishReason === this.finishReason &&
      Object.is(response.usage.inputTokens, this.inputTokens) &&
      Object.is(response.usage.outputTokens, this.outputTokens) &&
      rule === this.rule
    );
  }
}
