import { AgentCicdError } from '@agent-cicd/core';
import { inject } from 'vitest';

/** What the plugin hands to the test workers through Vitest's `provide`/`inject`. */
export interface AgentCicdProvided {
  root: string;
  tier?: string;
  configFile?: string;
  caseTimeout: number;
  /** Where workers append finished cases (one JSONL file per test module); the reporter builds the report from it. */
  journalDir?: string;
  /** The plugin's `judge: false`. */
  skipJudge?: boolean;
  /** Trials in flight at once per worker, across every suite it runs (Vitest's `maxConcurrency`). */
  concurrency?: number;
}

declare module 'vitest' {
  interface ProvidedContext {
    agentCicd: AgentCicdProvided;
    /** Set by the reporter at the start of each run: whether Vitest filters tests by name (`-t`). */
    agentCicdNameFilter: boolean;
  }
}

/** The plugin's options in a test worker; a clear error when the project does not use the plugin. */
export function providedOptions(): AgentCicdProvided {
  const provided = inject('agentCicd') as AgentCicdProvided | undefined;
  if (!provided) {
    throw new AgentCicdError(
      'AGENT_CICD_PLUGIN_MISSING',
      'prompt suites need the plugin: add `plugins: [agentCicd()]` (from @agent-cicd/vitest-plugin) to vitest.config.ts',
    );
  }
  return provided;
}
