// Entry point for `vitest.config.ts` (Node side). What test files import is in `./test.ts`
// (`@agent-cicd/vitest-plugin/test`): Vitest's test API cannot be loaded in a config file.

export { agentCicd } from './plugin/agent-cicd.js';
export type { AgentCicdOptions } from './plugin/options.js';
export { AgentCicdReporter, shardReportPath } from './reporter/agent-cicd-reporter.js';
export type { CaseMeta, SuiteInfo } from './runtime/case-meta.js';
