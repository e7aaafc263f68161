// Entry point for test files (`@agent-cicd/vitest-plugin/test`): the TypeScript suite API, fixtures, matchers.
export type {
  DescribePromptOptions,
  PromptCase,
  PromptCaseBody,
  PromptCaseContext,
} from './api/describe-prompt.js';
export { describePrompt } from './api/describe-prompt.js';
export type { AgentInput, PromptAgent, PromptFixtures, PromptSuiteMeta } from './api/prompt-test.js';
export { promptTest } from './api/prompt-test.js';
export type { AgentRun, MatcherSubject } from './matchers/agent-run.js';
export type { AgentMatchers } from './matchers/matchers.js';
export { agentMatchers } from './matchers/matchers.js';
