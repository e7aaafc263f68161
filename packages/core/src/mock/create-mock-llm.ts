import { AgentCicdError } from '../errors.js';
import { mockEmbedding } from '../llm/embeddings.js';
import type {
  ChatMessage,
  EmbeddingRequest,
  EmbeddingResponse,
  LlmClient,
  LlmRequest,
  LlmResponse,
  ToolCall,
} from '../llm/types.js';
import { countTokens, type TokenEncoding } from './count-tokens.js';
import { type InterpolationContext, interpolate, interpolateDeep } from './interpolate.js';
import { createMockLlmError } from './mock-llm-error.js';
import {
  type MockResponseSpec,
  type MockRule,
  type MockRuleInput,
  type MockScript,
  type MockScriptInput,
  MockScriptSchema,
} from './mock-script-schema.js';
import { formatIssuePath, primaryIssue } from './parse-yaml-with-schema.js';
import { createPrng, deriveSeed } from './prng.js';
import { compileTextMatcher, type TextMatcher } from './text-matcher.js';

/** Waits `ms` milliseconds; rejects when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface MockLlmOptions {
  /** Seed of the simulated non-determinism. @default the script's `seed`, else 0 */
  seed?: number;
  /** Waits out simulated latency. @default a `setTimeout` that honours the request's AbortSignal */
  sleep?: Sleep;
  /** Monotonic clock in ms, for measured latency. @default performance.now */
  now?: () => number;
}

/** The scripted mock model (provider `mock`). */
export interface MockLlm extends LlmClient {
  readonly provider: 'mock';
  /** The validated script it answers from. */
  readonly script: MockScript;
}

interface CompiledRule {
  index: number;
  label: string;
  /** `raw.rule` of its answers: the rule's name, else `rules[i]` (one string, not one per answer). */
  name: string;
  rule: MockRule;
  user?: TextMatcher;
  system?: TextMatcher;
  promptVersion?: TextMatcher;
  model?: TextMatcher;
}

interface RequestView {
  lastUser: string;
  turn: number;
  toolResults: Extract<ChatMessage, { role: 'tool' }>[];
  promptVersion: string;
}

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function toScript(input: MockScriptInput | MockScript | MockRuleInput[]): MockScript {
  const { file, ...raw } = Array.isArray(input)
    ? { rules: input, file: undefined }
    : (input as MockScriptInput & { file?: string });
  const parsed = MockScriptSchema.safeParse(raw);
  if (!parsed.success) {
    const { message, path } = primaryIssue(parsed.error.issues as Parameters<typeof primaryIssue>[0]);
    throw new AgentCicdError('AGENT_CICD_MOCK_SCRIPT_INVALID', message, {
      location: { file: file ?? '<mock script>', path: formatIssuePath(path) || undefined },
    });
  }
  return file === undefined ? parsed.data : { ...parsed.data, file };
}

function compile(rule: MockRule, index: number): CompiledRule {
  const { when } = rule;
  const version = when.promptVersion;
  return {
    index,
    label: rule.name ? `"${rule.name}"` : `rules[${index}]`,
    name: rule.name ?? `rules[${index}]`,
    rule,
    user: when.user === undefined ? undefined : compileTextMatcher(when.user),
    system: when.system === undefined ? undefined : compileTextMatcher(when.system),
    // A version is an identifier: a plain string must equal it, only a /regex/ matches loosely.
    promptVersion:
      version === undefined
        ? undefined
        : typeof version === 'string' && !version.startsWith('/')
          ? (text) => (text === version ? [text] : undefined)
          : compileTextMatcher(version),
    model: when.model === undefined ? undefined : compileTextMatcher(when.model),
  };
}

const NO_TOOL_RESULTS: Extract<ChatMessage, { role: 'tool' }>[] = Object.freeze([]) as unknown as Extract<
  ChatMessage,
  { role: 'tool' }
>[];

/** Whether a response spec needs the request's interpolation context: `{{placeholders}}` in its text, or tool calls. */
function isTemplated(spec: MockResponseSpec): boolean {
  return (spec.text ?? '').includes('{{') || (spec.toolCalls?.length ?? 0) > 0;
}

function view(request: LlmRequest): RequestView {
  // Plain loops: the mock server answers every request through here.
  const { messages } = request;
  let lastUserIndex = -1;
  let assistants = 0;
  for (let i = 0; i < messages.length; i++) {
    const role = (messages[i] as ChatMessage).role;
    if (role === 'user') lastUserIndex = i;
    else if (role === 'assistant') assistants++;
  }
  const lastUser = messages[lastUserIndex];
  // Most requests end with the user's message: no list to allocate then.
  let toolResults: Extract<ChatMessage, { role: 'tool' }>[] = NO_TOOL_RESULTS;
  for (let i = lastUserIndex + 1; i < messages.length; i++) {
    const message = messages[i] as ChatMessage;
    if (message.role === 'tool') {
      if (toolResults === NO_TOOL_RESULTS) toolResults = [];
      toolResults.push(message);
    }
  }
  return {
    lastUser: lastUser?.role === 'user' ? lastUser.content : '',
    turn: assistants + 1,
    toolResults,
    promptVersion: request.metadata?.promptVersion ?? '',
  };
}

/** Returns the regex groups of the user match (or `[]`) when every condition holds, else undefined. */
function matches(rule: CompiledRule, request: LlmRequest, v: RequestView): readonly (string | undefined)[] | undefined {
  const { when } = rule.rule;
  if (when.turn !== undefined) {
    if (
      typeof when.turn === 'number'
        ? v.turn !== when.turn
        : v.turn < (when.turn.min ?? 1) || v.turn > (when.turn.max ?? Number.POSITIVE_INFINITY)
    ) {
      return undefined;
    }
  }
  if (when.toolResult !== undefined) {
    if (typeof when.toolResult === 'boolean') {
      if (when.toolResult !== v.toolResults.length > 0) return undefined;
    } else {
      const names = typeof when.toolResult === 'string' ? [when.toolResult] : when.toolResult;
      if (!v.toolResults.some((result) => names.includes(result.name))) return undefined;
    }
  }
  if (rule.system && !rule.system(request.system ?? '')) return undefined;
  if (rule.promptVersion && !rule.promptVersion(v.promptVersion)) return undefined;
  if (rule.model && !rule.model(request.model ?? '')) return undefined;
  if (!rule.user) return [];
  return rule.user(v.lastUser);
}

function countRequestTokens(request: LlmRequest, encoding: TokenEncoding): number {
  let total = countTokens(request.system ?? '', encoding);
  for (const message of request.messages) {
    total += countTokens(message.content, encoding);
    if (message.role === 'assistant' && message.toolCalls) {
      for (const call of message.toolCalls) total += countTokens(call.name + JSON.stringify(call.arguments), encoding);
    }
  }
  for (const tool of request.tools ?? []) {
    total += countTokens(`${tool.name} ${tool.description ?? ''} ${JSON.stringify(tool.parameters)}`, encoding);
  }
  return total;
}

/**
 * Creates the scripted mock model. Rules are tried in order; the first whose `when` holds answers. A rule with
 * `probability: p` answers `respond` when its draw is below p, else `otherwise` (or falls through to the next
 * rule when there is no `otherwise`). The draw is the first output of mulberry32 seeded with
 * `deriveSeed(seed, caseKey, trialKey, turn, ruleIndex)`, where caseKey is `metadata.caseId` (else the first
 * user message) and trialKey is `metadata.trial` (else how many times this case/turn/rule was drawn before by
 * this client), so concurrent trials get the same outcomes as sequential ones.
 * @example
 * const llm = createMockLlm([{ when: { user: 'weather' }, respond: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] } }]);
 */
export function createMockLlm(
  script: MockScriptInput | MockScript | MockRuleInput[],
  options: MockLlmOptions = {},
): MockLlm {
  const resolved = toScript(script);
  const seed = options.seed ?? resolved.seed ?? 0;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => performance.now());
  const rules = resolved.rules.map(compile);
  const scriptName = resolved.file ?? resolved.name ?? 'mock script';
  const occurrences = new Map<string, number>();

  function draw(request: LlmRequest, turn: number, ruleIndex: number): number {
    const caseKey =
      request.metadata?.caseId ?? `first-user:${request.messages.find((m) => m.role === 'user')?.content ?? ''}`;
    let trialKey = request.metadata?.trial;
    if (trialKey === undefined) {
      const counterKey = `${caseKey}\u0000${turn}\u0000${ruleIndex}`;
      const n = occurrences.get(counterKey) ?? 0;
      occurrences.set(counterKey, n + 1);
      trialKey = `#${n}`;
    }
    return createPrng(deriveSeed(seed, caseKey, trialKey, turn, ruleIndex))();
  }

  function choose(request: LlmRequest, v: RequestView) {
    for (const rule of rules) {
      const match = matches(rule, request, v);
      if (!match) continue;
      const { probability, respond, otherwise } = rule.rule;
      if (probability === undefined) return { rule, match, spec: respond, branch: 'respond' as const };
      const value = draw(request, v.turn, rule.index);
      if (value < probability) return { rule, match, spec: respond, branch: 'respond' as const, draw: value };
      if (otherwise) return { rule, match, spec: otherwise, branch: 'otherwise' as const, draw: value };
    }
    const shown = v.lastUser.length > 200 ? `${v.lastUser.slice(0, 200)}…` : v.lastUser;
    throw new AgentCicdError(
      'AGENT_CICD_MOCK_NO_MATCH',
      `no rule in ${scriptName} matched turn ${v.turn}${request.metadata?.caseId ? ` of case ${request.metadata.caseId}` : ''} (last user message: ${JSON.stringify(shown)}); add a rule, or a last rule without \`when\` as a fallback`,
      { location: resolved.file ? { file: resolved.file } : undefined },
    );
  }

  /**
   * The answer, synchronously unless the chosen spec simulates latency (then a promise): `complete` without an
   * async step, which the mock server calls on every request (see `directAnswerOf`).
   */
  function answer(request: LlmRequest): LlmResponse | Promise<LlmResponse> {
    const start = now();
    if (request.signal?.aborted) throw request.signal.reason;
    const v = view(request);
    const chosen = choose(request, v);
    const latency = chosen.spec.latencyMs;
    if (latency) return sleep(latency, request.signal).then(() => build(request, v, chosen, start));
    return build(request, v, chosen, start);
  }

  function build(request: LlmRequest, v: RequestView, chosen: ReturnType<typeof choose>, start: number): LlmResponse {
    const spec: MockResponseSpec = chosen.spec;
    if (spec.error) throw createMockLlmError(spec.error, `mock rule ${chosen.rule.label} in ${scriptName}`);
    let text = spec.text ?? '';
    let toolCalls: ToolCall[] = [];
    if (isTemplated(spec)) {
      const context: InterpolationContext = {
        input: v.lastUser,
        system: request.system ?? '',
        turn: v.turn,
        promptVersion: v.promptVersion,
        toolResult: v.toolResults.at(-1)?.content ?? '',
        match: chosen.match,
        metadata: request.metadata ?? {},
      };
      text = interpolate(text, context);
      toolCalls = (spec.toolCalls ?? []).map((call, i) => ({
        id: call.id ?? `call_mock_${v.turn}_${i}`,
        name: call.name,
        arguments: interpolateDeep(call.arguments, context) as Record<string, unknown>,
      }));
    }
    const encoding = resolved.encoding;
    let outputTokens = countTokens(text, encoding);
    for (const call of toolCalls) outputTokens += countTokens(call.name + JSON.stringify(call.arguments), encoding);
    const response: LlmResponse = {
      text,
      toolCalls,
      usage: {
        inputTokens: spec.usage?.inputTokens ?? countRequestTokens(request, encoding),
        outputTokens: spec.usage?.outputTokens ?? outputTokens,
      },
      latencyMs: spec.latencyMs ?? Math.round(now() - start),
      model: spec.model ?? request.model ?? resolved.model,
      finishReason: spec.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
      raw: { rule: chosen.rule.name, branch: chosen.branch, draw: chosen.draw },
    };
    if (spec.timeToFirstTokenMs !== undefined) response.timeToFirstTokenMs = spec.timeToFirstTokenMs;
    if (spec.costUsd !== undefined) response.costUsd = spec.costUsd;
    return response;
  }

  async function complete(request: LlmRequest): Promise<LlmResponse> {
    return answer(request);
  }

  async function embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
    if (request.signal?.aborted) throw request.signal.reason;
    return {
      vectors: request.input.map((text) => mockEmbedding(text)),
      model: request.model ?? 'mock-embedding',
      usage: { inputTokens: request.input.reduce((sum, text) => sum + countTokens(text, resolved.encoding), 0) },
      latencyMs: 0,
    };
  }

  const llm: MockLlm = { provider: 'mock', script: resolved, complete, embed };
  directAnswers.set(llm, answer);
  return llm;
}

/** A client's answer function that may return synchronously (`LlmResponse | Promise<LlmResponse>`). */
export type DirectAnswer = (request: LlmRequest) => LlmResponse | Promise<LlmResponse>;

const directAnswers = new WeakMap<LlmClient, DirectAnswer>();

/**
 * The mock LLM's `complete` without its async step: answers synchronously unless the chosen rule simulates latency,
 * and throws (rather than rejects) on a scripted error. Undefined for any other client. The mock server looks it up
 * once at start-up and calls it on every request; `complete` is `async (request) => answer(request)`, so both give
 * the same answers, draws and errors.
 */
export function directAnswerOf(client: LlmClient): DirectAnswer | undefined {
  return directAnswers.get(client);
}
