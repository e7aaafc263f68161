import type { RunContext } from '@agent-cicd/core';
import * as core from '@agent-cicd/core';
import type { AgentCicdProvided } from './provided.js';

type CreateRunContext = (options: { cwd: string; tier?: string; configFile?: string }) => Promise<RunContext>;

let shared: { key: string; context: Promise<RunContext> } | undefined;

/**
 * One run context (the tier's LLM client with its provider limit, tools, judge) per worker, shared by every
 * suite file the worker runs, so concurrent cases share one provider limit.
 */
export function sharedRunContext(provided: AgentCicdProvided): Promise<RunContext> {
  const key = JSON.stringify([provided.root, provided.tier, provided.configFile]);
  if (shared?.key !== key) {
    // TEMPORARY: core's createRunContext (engine) is not on main yet; a static import once it is.
    const create = (core as unknown as { createRunContext?: CreateRunContext }).createRunContext;
    if (!create) return Promise.reject(new Error('agent-cicd: this build of @agent-cicd/core has no createRunContext'));
    shared = {
      key,
      context: create({
        cwd: provided.root,
        ...(provided.tier === undefined ? {} : { tier: provided.tier }),
        ...(provided.configFile === undefined ? {} : { configFile: provided.configFile }),
      }),
    };
  }
  return shared.context;
}
