import type { AgentResult } from '../agent/agent-result.js';
import type { Violation } from '../schema/report.js';
import { type ArgumentMatchMode, matchArguments } from './match-arguments.js';

export type ToolOrder = 'any' | 'ordered' | 'exact';

export interface ToolExpectations {
  expectedTools?: string[];
  /** `any` (default): each expected tool called at least once; `ordered`: in this order (others may be interleaved); `exact`: exactly these calls, in this order. */
  toolOrder?: ToolOrder;
  /** Per tool, the arguments one of its calls must match. */
  toolArguments?: Record<string, Record<string, unknown>>;
  /** @default 'subset' */
  argumentMatch?: ArgumentMatchMode;
  forbiddenTools?: string[];
}

const failure = (check: string, message: string): Violation => ({ check, message, severity: 'failure' });
const quote = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

/** Expected tools (order, arguments) and forbidden tools, as violations with a readable sentence each. */
export function checkTools(expect: ToolExpectations, calls: AgentResult['toolCalls']): Violation[] {
  const violations: Violation[] = [];
  const called = calls.map((call) => call.name);
  const expected = expect.expectedTools ?? [];
  const order = expect.toolOrder ?? 'any';
  const calledText = called.length === 0 ? 'no tools were called' : `the calls were ${quote(called)}`;

  for (const name of new Set(expected)) {
    if (!called.includes(name))
      violations.push(failure('expected_tool', `expected tool "${name}" was not called (${calledText})`));
  }
  if (violations.length === 0 && expected.length > 0) {
    if (order === 'exact' && (called.length !== expected.length || called.some((name, i) => name !== expected[i]))) {
      violations.push(
        failure('tool_order', `expected exactly the calls ${quote(expected)} in this order, but ${calledText}`),
      );
    } else if (order === 'ordered' && !isSubsequence(expected, called)) {
      violations.push(
        failure('tool_order', `expected the tools ${quote(expected)} to be called in this order, but ${calledText}`),
      );
    }
  }

  for (const [name, expectedArgs] of Object.entries(expect.toolArguments ?? {})) {
    const own = calls.filter((call) => call.name === name);
    if (own.length === 0) {
      if (!expected.includes(name)) {
        violations.push(
          failure(
            'tool_arguments',
            `expected tool "${name}" to be called with ${JSON.stringify(expectedArgs)}, but it was not called`,
          ),
        );
      }
      continue;
    }
    const mismatches = own.map((call) =>
      matchArguments(call.arguments, expectedArgs, expect.argumentMatch ?? 'subset'),
    );
    if (mismatches.every((mismatch) => mismatch !== undefined)) {
      violations.push(
        failure('tool_arguments', `tool "${name}" was not called with the expected arguments: ${mismatches[0]}`),
      );
    }
  }

  for (const name of new Set(expect.forbiddenTools ?? [])) {
    const times = called.filter((callName) => callName === name).length;
    if (times > 0)
      violations.push(
        failure('forbidden_tool', `forbidden tool "${name}" was called${times > 1 ? ` ${times} times` : ''}`),
      );
  }
  return violations;
}

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let at = 0;
  for (const item of haystack) if (item === needle[at]) at++;
  return at === needle.length;
}
