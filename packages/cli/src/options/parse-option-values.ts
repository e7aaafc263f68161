import { AgentCicdError } from '@agent-cicd/core/errors';

/** The one code of a flag whose value is not valid (a bad integer, number, percentage or list). */
export const invalidOptionCode = 'AGENT_CICD_CLI_INVALID_OPTION';

const invalid = (flag: string, expected: string, value: string): AgentCicdError =>
  new AgentCicdError(invalidOptionCode, `${flag} must be ${expected}, got ${JSON.stringify(value)}`);

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

/**
 * Parses an integer flag strictly: decimal digits with an optional `-`, nothing else (no `""`, ` 3`, `0x10`, `1e3`,
 * `2.0`), a safe integer within [`min`, `max`]. Every integer flag of every command parses through here, so a bad
 * value is always `AGENT_CICD_CLI_INVALID_OPTION`.
 */
export function parseIntegerOption(value: string, flag: string, bounds: { min?: number; max?: number } = {}): number {
  const number = /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  const { min, max } = bounds;
  if (!Number.isSafeInteger(number) || (min !== undefined && number < min) || (max !== undefined && number > max))
    throw invalid(flag, `an integer${range(min, max)}`, value);
  return number;
}

/** {@link parseIntegerOption} for an optional flag. */
export function optionalIntegerOption(
  value: string | undefined,
  flag: string,
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  return value === undefined ? undefined : parseIntegerOption(value, flag, bounds);
}

/** A decimal number flag (`0.5`, `12`), finite, greater than `above` when given and at most `max`. */
export function parseNumberOption(value: string, flag: string, bounds: { above?: number; max?: number } = {}): number {
  const number = /^-?(?:\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  const { above, max } = bounds;
  if (!Number.isFinite(number) || (above !== undefined && !(number > above)) || (max !== undefined && number > max)) {
    const expected = `a number${above === undefined ? '' : ` > ${above}`}${max === undefined ? '' : ` and ≤ ${max}`}`;
    throw invalid(flag, expected, value);
  }
  return number;
}

/** A comma-separated list of integers (`5,25,50,100`). */
export function parseIntegerListOption(
  value: string,
  flag: string,
  bounds: { min?: number; max?: number } = {},
): number[] {
  try {
    return value.split(',').map((part) => parseIntegerOption(part.trim(), flag, bounds));
  } catch {
    throw invalid(flag, `comma-separated integers${range(bounds.min, bounds.max)}`, value);
  }
}
