import type { AgentResultInput } from '../agent/agent-result.js';
import type { ChatMessage, LlmClient } from '../llm/types.js';
import type { ToolBox } from '../tools/tool-registry.js';

/** What a target gets for one trial of a case. */
export interface TargetInput {
  caseId: string;
  /** 0-based trial number. */
  trial: number;
  /** The final user message (the seed's `user_input`). */
  userInput: string;
  /** The whole conversation: earlier turns, then `userInput`. */
  messages: ChatMessage[];
  /** Template variables: the suite's, then the case's. */
  vars: Record<string, unknown>;
}

/** Model settings of the tier, for targets that call the model themselves. */
export interface ModelSettings {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** Model calls per trial in the agent loop. @default 10 */
  maxSteps?: number;
}

/** The `ctx` a target runs with: the tier's model, tools, cancellation. */
export interface TargetContext {
  /** The tier's LLM (mock, cassette replay or a provider); calls are counted for the trial. */
  llm: LlmClient;
  /** The tier's tools; calls are recorded and checked against their JSON Schema. */
  tools: ToolBox;
  /** Aborted when the run is interrupted or over budget. */
  signal: AbortSignal;
  tier: string;
  settings: ModelSettings;
  /** Labels to send with LLM requests (`caseId`, `trial`, `promptVersion`) so mocks and cassettes can key on them. */
  metadata: Record<string, string>;
}

/**
 * Text, the seed's `{ response, tools_called, token_count }`, or a full `AgentResult`.
 */
export type TargetOutput =
  | string
  | { response: string; tools_called?: string[]; token_count?: number }
  | AgentResultInput;

/**
 * What a case runs against: a prompt through the agent loop, the user's own agent module, an agent in any
 * language started as a command, or an agent service over HTTP.
 */
export interface Target {
  readonly kind: 'prompt' | 'module' | 'command' | 'http';
  /** `name@version` of a prompt target. */
  readonly promptVersion?: string;
  run(input: TargetInput, context: TargetContext): Promise<TargetOutput>;
}

/** The signature of a module target's export: `export async function run(input, ctx)`. */
export type AgentFunction = (input: TargetInput, context: TargetContext) => TargetOutput | Promise<TargetOutput>;
