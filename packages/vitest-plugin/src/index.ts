export type { AgentCicdOptions } from './plugin/options.js';
export { agentCicd } from './plugin/agent-cicd.js';
export { AgentCicdReporter, shardReportPath } from './reporter/agent-cicd-reporter.js';
export type { CaseMeta, SuiteInfo } from './runtime/case-meta.js';
