import { runAgentLoop } from '../agent/run-agent-loop.js';
import type { Target } from './target.js';

export interface PromptTargetOptions {
  prompt: { name: string; version: string; template: string };
  /** Renders the template with a case's vars (strict: a missing variable throws). */
  render: (template: string, vars: Record<string, unknown>) => string;
}

/**
 * A prompt target: the prompt version, rendered with the case's vars, is the system prompt of the agent loop,
 * which runs with the tier's model settings, LLM and tools.
 */
export function createPromptTarget(options: PromptTargetOptions): Target {
  const { prompt, render } = options;
  const promptVersion = `${prompt.name}@${prompt.version}`;
  return {
    kind: 'prompt',
    promptVersion,
    async run(input, context) {
      return runAgentLoop({
        llm: context.llm,
        system: render(prompt.template, input.vars),
        messages: input.messages,
        tools: context.tools,
        ...context.settings,
        signal: context.signal,
        metadata: context.metadata,
      });
    },
  };
}
