import type { ChatMessage, LlmClient, ToolCall } from '../llm/types.js';
import type { ToolBox } from '../tools/tool-registry.js';
import type { AgentResult, AgentStep } from './agent-result.js';

export interface RunAgentLoopOptions {
  llm: LlmClient;
  system?: string;
  /** The conversation so far; usually one user message. */
  messages: ChatMessage[];
  /** The trial's tools; without it the model is offered none. */
  tools?: ToolBox;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** Model calls allowed before giving up. @default 10 */
  maxSteps?: number;
  signal?: AbortSignal;
  /** Labels sent with every request (cassettes, mock rules). */
  metadata?: Record<string, string>;
  /** @default performance.now */
  clock?: () => number;
}

/**
 * The agent loop: call the model, run the tool calls it asks for (a step's calls run in parallel), feed the
 * results back, repeat until the model answers without tool calls or `maxSteps` model calls were made.
 * LLM errors propagate (the runner turns them into an `error` trial); bad tool calls do not (they are
 * recorded as violations and the model is told, as it would be in production).
 */
export async function runAgentLoop(options: RunAgentLoopOptions): Promise<AgentResult> {
  const { llm, tools, maxSteps = 10, clock = performance.now.bind(performance) } = options;
  const started = clock();
  const messages: ChatMessage[] = [...options.messages];
  const trajectory: AgentStep[] = [];
  const tokens = { input: 0, output: 0 };
  let costUsd: number | undefined;
  let response = '';
  let finished = false;

  for (let step = 0; step < maxSteps; step++) {
    const reply = await llm.complete({
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(options.system === undefined ? {} : { system: options.system }),
      messages: [...messages],
      ...(tools && tools.definitions.length > 0 ? { tools: tools.definitions } : {}),
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      metadata: { ...options.metadata, step: String(step) },
    });
    tokens.input += reply.usage.inputTokens;
    tokens.output += reply.usage.outputTokens;
    if (reply.costUsd !== undefined) costUsd = (costUsd ?? 0) + reply.costUsd;
    response = reply.text;
    const record: AgentStep = {
      step,
      text: reply.text,
      toolCalls: [],
      tokens: { input: reply.usage.inputTokens, output: reply.usage.outputTokens },
      latencyMs: reply.latencyMs,
      ...(reply.costUsd === undefined ? {} : { costUsd: reply.costUsd }),
      finishReason: reply.finishReason,
    };
    trajectory.push(record);
    if (reply.toolCalls.length === 0) {
      finished = true;
      break;
    }
    messages.push({ role: 'assistant', content: reply.text, toolCalls: reply.toolCalls });
    const outcomes = await Promise.all(reply.toolCalls.map((call) => runToolCall(call, tools, options.signal)));
    for (const [index, call] of reply.toolCalls.entries()) {
      const outcome = outcomes[index] ?? { content: '', isError: true, latencyMs: 0 };
      record.toolCalls.push({
        id: call.id,
        name: call.name,
        arguments: call.arguments,
        ...(outcome.result === undefined ? {} : { result: outcome.result }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        latencyMs: outcome.latencyMs,
      });
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        name: call.name,
        content: outcome.content,
        ...(outcome.isError ? { isError: true } : {}),
      });
    }
  }

  const violations = (tools?.calls ?? []).flatMap((call) => (call.violation ? [call.violation] : []));
  if (!finished) {
    violations.push({
      check: 'max_steps',
      message: `the agent did not give a final answer within ${maxSteps} model calls`,
      severity: 'failure',
    });
  }
  return {
    response,
    toolCalls: trajectory.flatMap((step) =>
      step.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })),
    ),
    tokens,
    latencyMs: clock() - started,
    ...(costUsd === undefined ? {} : { costUsd }),
    llmCalls: trajectory.length,
    trajectory,
    violations,
  };
}

interface ToolOutcome {
  content: string;
  isError: boolean;
  latencyMs: number;
  result?: unknown;
  error?: string;
}

async function runToolCall(
  call: ToolCall,
  tools: ToolBox | undefined,
  signal: AbortSignal | undefined,
): Promise<ToolOutcome> {
  if (!tools)
    return { content: `tool "${call.name}" is not available`, isError: true, error: 'no tools', latencyMs: 0 };
  const record = await tools.call(call.name, call.arguments, {
    ...(signal ? { signal } : {}),
    ...(call.rawArguments === undefined ? {} : { rawArguments: call.rawArguments }),
  });
  if (record.error !== undefined) {
    return { content: `error: ${record.error}`, isError: true, error: record.error, latencyMs: record.latencyMs };
  }
  const content = typeof record.result === 'string' ? record.result : JSON.stringify(record.result ?? null);
  return { content, isError: false, result: record.result, latencyMs: record.latencyMs };
}
