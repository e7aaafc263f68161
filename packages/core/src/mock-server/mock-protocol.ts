import type { IncomingHttpHeaders } from 'node:http';
import type { LlmClient } from '../llm/types.js';
import type { DirectAnswer } from '../mock/create-mock-llm.js';
import type { FaultContext } from './faults.js';
import type { MockServerRequest } from './request-log.js';

/** What a protocol answers with: the client for its provider (cassette-wrapped when cassettes are on), the model list. */
export interface MockBackend {
  /** Answers this protocol's model or embedding calls. */
  llm: LlmClient;
  /**
   * `llm.complete`, synchronous when the client can answer without waiting (the scripted mock LLM, see
   * `directAnswerOf`): the chat protocols call this, so a scripted answer costs no promise.
   */
  complete: DirectAnswer;
  /** Models listed by `GET /v1/models`. */
  models: readonly string[];
}

/** Per-response values the server core hands to `render` and `stream`. */
export interface ResponseFrame {
  /** The API's response id (`chatcmpl-mock000001`, `msg_mock000001`). */
  id: string;
  /** Server clock, epoch seconds. */
  created: number;
}

/**
 * One API the mock server speaks (OpenAI Chat Completions, Anthropic Messages, embeddings, the model list). The
 * server core routes `method path` to a protocol and runs the same steps for every one — read the JSON body,
 * `parse`, fault injection (when the protocol has a `faultContext`), `answer`, then `render` or `stream` — so it
 * never branches on the API's name; everything that differs between APIs lives here.
 */
export interface MockProtocol<Call = unknown, Answer = unknown> {
  /** Name in the request log (`MockServerRequest.api`). */
  readonly api: MockServerRequest['api'];
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Cassette provider key of the calls this protocol answers. */
  readonly provider: 'openai' | 'anthropic';
  /** Whether the request has a JSON body to read before `parse`. */
  readonly hasBody: boolean;
  /** Response header carrying the request id (`x-request-id`; Anthropic: `request-id`). */
  readonly requestIdHeader: string;
  /** The response id of the server's `n`th request. */
  responseId(n: number): string;
  /**
   * Decodes a request (its parsed JSON body, `undefined` without one, and its headers, with the
   * `x-agent-cicd-*` labels) into the call it asks for, mapping the API's messages to agent-cicd's, and notes in
   * `entry` what the request log shows (model, stream, offered tools, last user message, case id). Throws a
   * `WireError` for a bad request (served as 400 in this API's error shape).
   */
  parse(body: unknown, headers: IncomingHttpHeaders, entry: MockServerRequest): Call;
  /** What fault rules see of a call; absent: faults never apply to this API. */
  faultContext?(call: Call, entry: MockServerRequest): FaultContext;
  /**
   * Answers the call, synchronously when it can (errors, thrown or rejected, with a numeric `status` are served with
   * it; see the server core).
   */
  answer(call: Call, backend: MockBackend, entry: MockServerRequest): Answer | Promise<Answer>;
  /** The JSON body of the answer, as text (the chat protocols write it directly, without an object tree). */
  render(answer: Answer, call: Call, frame: ResponseFrame): string;
  /** The SSE frames of the answer, terminator included, when the call asked to stream; else undefined. */
  stream?(answer: Answer, call: Call, frame: ResponseFrame): string[] | undefined;
  /** An SSE frame with broken JSON in this API's framing (the `malformed_json` fault on streams). */
  readonly brokenFrame?: string;
  /** The error body in this API's shape. */
  errorBody(status: number, message: string, requestId: string): unknown;
}
