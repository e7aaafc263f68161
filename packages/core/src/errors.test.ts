import { describe, expect, it } from 'vitest';
import { AgentCicdError, formatUserError } from './errors.js';

describe('formatUserError', () => {
  it('puts file, line, column and field path before the message', () => {
    const error = new AgentCicdError('AGENT_CICD_SUITE_INVALID', 'expected array, got string', {
      location: { file: 'prompts/support.prompt.yaml', line: 14, column: 7, path: 'cases[2].expected_tools' },
    });
    expect(formatUserError(error)).toBe(
      'prompts/support.prompt.yaml:14:7 cases[2].expected_tools: expected array, got string',
    );
  });

  it('is just the message without a location', () => {
    expect(formatUserError(new AgentCicdError('X', 'boom'))).toBe('boom');
  });
});
