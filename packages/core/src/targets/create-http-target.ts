import type { AgentResult } from '../agent/agent-result.js';
import { labelHeaders } from '../llm/label-headers.js';
import { targetError } from './create-command-target.js';
import { expandEnv } from './expand-env.js';
import { readJsonPointer } from './json-pointer.js';
import { normalizeTargetOutput } from './normalize-target-output.js';
import { renderBodyTemplate } from './render-body-template.js';
import type { Target, TargetOutput } from './target.js';
import { targetRequest } from './target-request.js';

export interface HttpTargetOptions {
  /** The endpoint; `${VAR}` reads the environment. */
  url: string;
  /** @default 'POST' */
  method?: 'POST' | 'PUT' | 'GET';
  /** Header values may use `${VAR}` (secrets); they are never written to results or messages. */
  headers?: Record<string, string>;
  /** JSON body template; @default the case input (`targetRequest`). */
  body?: unknown;
  /** JSON pointers into the response body. Without `responsePath`, the body is a result (seed or full shape) or text. */
  responsePath?: string;
  toolsCalledPath?: string;
  tokenCountPath?: string;
  /** @default 60 */
  timeoutSeconds?: number;
  /** Where `${VAR}` is read. @default process.env */
  env?: Record<string, string | undefined>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

const BODY_LIMIT = 16 * 1024 * 1024;

/**
 * An agent running as a service (e.g. the staging deployment), called once per trial. The request carries the
 * trial's labels as `x-agent-cicd-*` headers (a service that forwards them to its model gets per-case mock
 * rules). A non-2xx status, a timeout, a network failure, an empty or unreadable body, or a missing answer at
 * `responsePath` is an error trial, never a pass. Header values never appear in messages.
 */
export function createHttpTarget(options: HttpTargetOptions): Target {
  const doFetch = options.fetch ?? globalThis.fetch;
  const method = options.method ?? 'POST';
  const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
  const shownUrl = options.url; // the template: `${VAR}` parts stay unexpanded in messages
  return {
    kind: 'http',
    async run(input, context) {
      const env = options.env ?? process.env;
      let url: string;
      const headers: Record<string, string> = { ...labelHeaders(context.metadata), accept: 'application/json' };
      let body: string | undefined;
      try {
        url = expandEnv(options.url, env, 'the target url');
        for (const [name, value] of Object.entries(options.headers ?? {})) {
          headers[name.toLowerCase()] = expandEnv(value, env, `the target header ${name}`);
        }
        const request = targetRequest(input, context);
        if (method !== 'GET') {
          const values = { ...request, input: input.userInput, promptVersion: request.promptVersion ?? '' };
          body = JSON.stringify(options.body === undefined ? request : renderBodyTemplate(options.body, values));
          headers['content-type'] ??= 'application/json';
        }
      } catch (error) {
        throw targetError('invalid_request', (error as Error).message);
      }
      const signal = AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs)]);
      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, { method, headers, ...(body === undefined ? {} : { body }), signal });
        text = await readLimited(response);
      } catch (error) {
        if (context.signal.aborted) throw context.signal.reason;
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw targetError('timeout', `${method} ${shownUrl} gave no answer within ${timeoutMs / 1000} s`);
        }
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw targetError(
          'network',
          `${method} ${shownUrl} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        );
      }
      if (!response.ok) {
        throw targetError(
          'http_status',
          `${method} ${shownUrl} answered HTTP ${response.status}${text.trim() ? `: ${JSON.stringify(text.trim().slice(0, 200))}` : ''}`,
        );
      }
      if (text.trim() === '') throw targetError('empty_answer', `${method} ${shownUrl} answered with an empty body`);
      let json: unknown;
      let isJson = true;
      try {
        json = JSON.parse(text);
      } catch {
        isJson = false;
      }
      if (options.responsePath === undefined) {
        return normalizeTargetOutput((isJson ? json : text) as TargetOutput);
      }
      if (!isJson) {
        throw targetError(
          'invalid_output',
          `${method} ${shownUrl} answered with a body that is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
        );
      }
      return pick(json, options, `${method} ${shownUrl}`);
    },
  };
}

function pick(json: unknown, options: HttpTargetOptions, where: string): AgentResult {
  const answer = readJsonPointer(json, options.responsePath ?? '');
  if (typeof answer !== 'string') {
    throw targetError(
      'invalid_output',
      `${where}: responsePath ${options.responsePath} is ${answer === undefined ? 'missing' : `a ${typeof answer}, not text`} in the answer`,
    );
  }
  const result: AgentResult = normalizeTargetOutput(answer);
  if (options.toolsCalledPath !== undefined) {
    const tools = readJsonPointer(json, options.toolsCalledPath);
    if (!Array.isArray(tools)) {
      throw targetError(
        'invalid_output',
        `${where}: toolsCalledPath ${options.toolsCalledPath} is not a list in the answer`,
      );
    }
    result.toolCalls = tools.map((tool) => {
      if (typeof tool === 'string') return { name: tool, arguments: {} };
      const call = tool as { name?: unknown; arguments?: unknown };
      if (tool === null || typeof tool !== 'object' || typeof call.name !== 'string') {
        throw targetError(
          'invalid_output',
          `${where}: toolsCalledPath ${options.toolsCalledPath} holds ${JSON.stringify(tool)}, not a tool name or { name, arguments }`,
        );
      }
      const args =
        call.arguments !== null && typeof call.arguments === 'object'
          ? (call.arguments as Record<string, unknown>)
          : {};
      return { name: call.name, arguments: args };
    });
  }
  if (options.tokenCountPath !== undefined) {
    const count = readJsonPointer(json, options.tokenCountPath);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw targetError(
        'invalid_output',
        `${where}: tokenCountPath ${options.tokenCountPath} is not a token count in the answer`,
      );
    }
    result.tokens = { input: 0, output: count };
  }
  return result;
}

async function readLimited(response: Response): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > BODY_LIMIT) throw new Error(`the answer is larger than 16 MiB (${length} bytes)`);
  const text = await response.text();
  if (text.length > BODY_LIMIT) throw new Error('the answer is larger than 16 MiB');
  return text;
}
