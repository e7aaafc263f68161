/** What the plugin hands to the test workers through Vitest's `provide`/`inject`. */
export interface AgentCicdProvided {
  root: string;
  tier?: string;
  configFile?: string;
  caseTimeout: number;
}

declare module 'vitest' {
  interface ProvidedContext {
    agentCicd: AgentCicdProvided;
  }
}
