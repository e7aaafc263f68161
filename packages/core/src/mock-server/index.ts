// `@agent-cicd/core/mock-server`: the OpenAI/Anthropic-compatible mock server and its fault injection.

export type { FaultRule, FaultRuleInput, FaultsFile, FaultsFileInput, FaultType } from './faults.js';
export { createFaultInjector, FaultsFileSchema, loadFaults } from './faults.js';
export type { MockServerRequest } from './request-log.js';
export type { MockServer, MockServerClock, MockServerOptions } from './start-mock-server.js';
export { startMockServer } from './start-mock-server.js';
