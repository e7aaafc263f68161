import { describe, expect, it } from 'vitest';
import { parseIntegerListOption, parseIntegerOption, parseNumberOption } from './parse-option-values.js';

const message = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return `${(error as { code: string }).code} ${(error as Error).message}`;
  }
  return 'no error';
};

describe('flag value parsers', () => {
  it('accepts plain decimal integers within bounds', () => {
    expect(parseIntegerOption('42', '--trials', { min: 1 })).toBe(42);
    expect(parseIntegerOption('-7', '--seed')).toBe(-7);
    expect(parseIntegerListOption('5, 25,100', '--steps', { min: 1, max: 100 })).toEqual([5, 25, 100]);
    expect(parseNumberOption('0.25', '--max-cost', { above: 0 })).toBe(0.25);
  });

  it.each(['', ' 3', '3 ', '0x10', '1e3', '2.0', '+1', 'abc', '99999999999999999', 'NaN', 'Infinity'])(
    'refuses %j as an integer with the one invalid-option code',
    (value) => {
      expect(message(() => parseIntegerOption(value, '--trials', { min: 1 }))).toBe(
        `AGENT_CICD_CLI_INVALID_OPTION --trials must be an integer ≥ 1, got ${JSON.stringify(value)}`,
      );
    },
  );

  it('names the bounds and the list in its message', () => {
    expect(message(() => parseIntegerOption('70000', '--port', { min: 0, max: 65_535 }))).toBe(
      'AGENT_CICD_CLI_INVALID_OPTION --port must be an integer from 0 to 65535, got "70000"',
    );
    expect(message(() => parseIntegerListOption('5,x', '--steps'))).toBe(
      'AGENT_CICD_CLI_INVALID_OPTION --steps must be comma-separated integers, got "5,x"',
    );
    expect(message(() => parseNumberOption('0', '--max-cost', { above: 0 }))).toBe(
      'AGENT_CICD_CLI_INVALID_OPTION --max-cost must be a number > 0, got "0"',
    );
  });
});
