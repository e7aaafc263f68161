// Setup file the plugin adds to every project that uses it: registers the agent matchers on `expect`.
import { expect } from 'vitest';
import { agentMatchers } from '../matchers/matchers.js';

expect.extend(agentMatchers);
