import { createRunContext, type RunContext } from '@agent-cicd/core';
import type { AgentCicdProvided } from './provided.js';

let shared: { key: string; context: Promise<RunContext> } | undefined;

/**
 * One run context (the tier's LLM client with its provider limit, tools, judge) per worker, shared by every
 * suite file the worker runs, so concurrent cases share one provider limit.
 */
export function sharedRunContext(provided: AgentCicdProvided): Promise<RunContext> {
  const key = JSON.stringify([provided.root, provided.tier, provided.configFile]);
  if (shared?.key !== key) {
    shared = {
      key,
      context: createRunContext({
        cwd: provided.root,
        ...(provided.tier === undefined ? {} : { tier: provided.tier }),
        ...(provided.configFile === undefined ? {} : { configFile: provided.configFile }),
      }),
    };
  }
  return shared.context;
}
