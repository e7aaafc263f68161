import type { Judge } from '../judge/create-judge.js';
import type { LlmClient } from '../llm/types.js';
import type { RunContext } from '../run/run-context.js';
import { createPromptTarget } from '../targets/create-prompt-target.js';
import type { Target } from '../targets/target.js';
import { createToolRegistry, type ToolSpec } from '../tools/tool-registry.js';

/** A run context for tests: the given LLM and tools, and a plain prompt target. */
export function makeRunContext(options: {
  llm: LlmClient;
  tools?: ToolSpec[];
  enabled?: string[];
  judge?: Judge;
  target?: Target;
}): RunContext {
  const target =
    options.target ??
    createPromptTarget({
      prompt: { name: 'support', version: 'v1', template: 'You are a support agent.' },
      render: (template) => template,
    });
  return {
    cwd: process.cwd(),
    tier: 'dev',
    llm: options.llm,
    tools: createToolRegistry({ tools: options.tools ?? [], ...(options.enabled ? { enabled: options.enabled } : {}) }),
    ...(options.judge ? { judge: options.judge } : {}),
    settings: { temperature: 0 },
    resolveTarget: async () => target,
  };
}
