import type { AgentResult } from '../agent/agent-result.js';
import { compileJsonSchema } from '../tools/compile-json-schema.js';
import { bleuTokens, sentenceBleu } from './bleu.js';
import { type CheckOutcome, measured } from './check-outcome.js';
import type { Check } from './check-schema.js';
import { findJson } from './find-json.js';
import { xmlProblem } from './is-well-formed-xml.js';
import { queryJsonPath } from './json-path.js';
import { levenshteinSimilarity } from './levenshtein.js';
import { parseSql } from './parse-sql.js';
import { rougeL, rougeN } from './rouge.js';

/** What the deterministic checks see of a trial and its case. */
export interface CheckSubject {
  response: string;
  result: Pick<AgentResult, 'toolCalls' | 'latencyMs' | 'costUsd' | 'trajectory'>;
  testCase: { userInput?: string; expectedOutput?: string; expectedTools?: string[] };
}

const fixed = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(3));
const fold = (text: string, ignoreCase: boolean | undefined): string => (ignoreCase ? text.toLowerCase() : text);
const preview = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** Reference texts of a reference-based check: its `value`, else the case's `expectedOutput`. */
export function referencesOf(check: { value?: string | string[] }, subject: CheckSubject): string[] | undefined {
  if (check.value !== undefined) return Array.isArray(check.value) ? check.value : [check.value];
  return subject.testCase.expectedOutput === undefined ? undefined : [subject.testCase.expectedOutput];
}

const noReference = (type: string): CheckOutcome => ({
  error: `the ${type} check needs a reference: give it a "value" or give the case an "expectedOutput"`,
});

/** Evaluates every check that needs no model. Returns `undefined` for the model-backed types. */
export async function evaluateTextCheck(check: Check, subject: CheckSubject): Promise<CheckOutcome | undefined> {
  const { response } = subject;
  switch (check.type) {
    case 'equals': {
      const a = fold(check.trim ? response.trim() : response, check.ignoreCase);
      const b = fold(check.trim ? check.value.trim() : check.value, check.ignoreCase);
      return measured(a === b, `response ${preview(response)} vs expected ${preview(check.value)}`);
    }
    case 'startsWith':
      return measured(
        fold(response, check.ignoreCase).startsWith(fold(check.value, check.ignoreCase)),
        `response starts with ${preview(response.slice(0, check.value.length))}, expected ${preview(check.value)}`,
      );
    case 'containsAny': {
      const found = check.value.filter((s) => fold(response, check.ignoreCase).includes(fold(s, check.ignoreCase)));
      return measured(
        found.length > 0,
        found.length > 0 ? `found ${preview(found[0] ?? '')}` : `none of ${JSON.stringify(check.value)} found`,
      );
    }
    case 'containsAll': {
      const missing = check.value.filter((s) => !fold(response, check.ignoreCase).includes(fold(s, check.ignoreCase)));
      const share = 1 - missing.length / check.value.length;
      return measured(
        missing.length === 0,
        missing.length === 0 ? 'all found' : `missing ${JSON.stringify(missing)}`,
        share,
        share,
      );
    }
    case 'regex': {
      const literal = /^\/(.+)\/([imsuv]*)$/s.exec(check.value);
      let regex: RegExp;
      try {
        regex = literal ? new RegExp(literal[1] ?? '', literal[2]) : new RegExp(check.value, check.flags);
      } catch (cause) {
        return { error: `invalid regular expression ${check.value}: ${(cause as Error).message}` };
      }
      return measured(regex.test(response), `pattern ${regex}`);
    }
    case 'isJson': {
      let value: unknown;
      try {
        value = JSON.parse(response);
      } catch {
        return measured(false, 'the response is not JSON');
      }
      return matchSchema(check.value, value, 'the response is JSON');
    }
    case 'containsJson': {
      const found = findJson(response);
      if (!found) return measured(false, 'no JSON object or array in the response');
      return matchSchema(check.value, found.value, 'the response contains JSON');
    }
    case 'jsonPath':
      return jsonPathOutcome(check, response);
    case 'isXml': {
      const problem = xmlProblem(response);
      return measured(problem === undefined, problem ?? 'well-formed XML');
    }
    case 'isSql': {
      const problem = await parseSql(response, check.dialect);
      if (problem !== undefined && 'error' in problem) return problem;
      return measured(problem === undefined, problem?.problem ?? 'the response parses as SQL');
    }
    case 'wordCount':
      return countOutcome('words', response.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, check);
    case 'sentenceCount':
      return countOutcome(
        'sentences',
        response.split(/(?<=[.!?])\s+/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length,
        check,
      );
    case 'levenshtein':
    case 'rouge1':
    case 'rouge2':
    case 'rougeL':
    case 'bleu': {
      const references = referencesOf(check, subject);
      if (!references) return noReference(check.type);
      const value = referenceScore(check.type, references, response);
      const threshold = check.threshold ?? (check.type === 'levenshtein' ? 0.8 : check.type === 'bleu' ? 0.5 : 0.75);
      const label = {
        levenshtein: 'Levenshtein similarity',
        rouge1: 'ROUGE-1 F1',
        rouge2: 'ROUGE-2 F1',
        rougeL: 'ROUGE-L F1',
        bleu: 'BLEU',
      }[check.type];
      return measured(value >= threshold, `${label} ${fixed(value)} (threshold ${threshold})`, value, value);
    }
    case 'cost': {
      if (check.threshold === undefined) return { error: 'the cost check needs a "threshold" (maximum USD per trial)' };
      const cost = subject.result.costUsd;
      if (cost === undefined) return { error: 'the trial has no cost: the model has no price in the price table' };
      return measured(
        cost <= check.threshold,
        `cost $${cost.toFixed(6)} (maximum $${check.threshold})`,
        cost <= check.threshold ? 1 : 0,
        cost,
      );
    }
    case 'latency': {
      if (check.threshold === undefined)
        return { error: 'the latency check needs a "threshold" (maximum milliseconds)' };
      const ms = subject.result.latencyMs ?? 0;
      return measured(
        ms <= check.threshold,
        `latency ${Math.round(ms)} ms (maximum ${check.threshold} ms)`,
        ms <= check.threshold ? 1 : 0,
        ms,
      );
    }
    case 'toolCallF1': {
      const expected = new Set(check.value ?? subject.testCase.expectedTools ?? []);
      const called = new Set(subject.result.toolCalls.map((call) => call.name));
      const f1 = toolCallF1(expected, called);
      const threshold = check.threshold ?? 1;
      return measured(
        f1 >= threshold,
        `tool-call F1 ${fixed(f1)} (threshold ${threshold}; expected ${JSON.stringify([...expected])}, called ${JSON.stringify([...called])})`,
        f1,
        f1,
      );
    }
    default:
      return undefined;
  }
}

/** F1 of two sets of tool names; two empty sets agree perfectly (1). */
export function toolCallF1(expected: Set<string>, called: Set<string>): number {
  if (expected.size === 0 && called.size === 0) return 1;
  const hits = [...called].filter((name) => expected.has(name)).length;
  if (hits === 0) return 0;
  const precision = hits / called.size;
  const recall = hits / expected.size;
  return (2 * precision * recall) / (precision + recall);
}

function referenceScore(
  type: 'levenshtein' | 'rouge1' | 'rouge2' | 'rougeL' | 'bleu',
  references: string[],
  response: string,
): number {
  if (type === 'bleu') return sentenceBleu(references.map(bleuTokens), bleuTokens(response));
  // Several references: the best match counts (as rouge-score's score_multi and most eval libraries do).
  return Math.max(
    ...references.map((reference) =>
      type === 'levenshtein'
        ? levenshteinSimilarity(reference, response)
        : type === 'rougeL'
          ? rougeL(reference, response).f1
          : rougeN(reference, response, type === 'rouge1' ? 1 : 2).f1,
    ),
  );
}

function countOutcome(
  what: string,
  count: number,
  check: { min?: number | undefined; max?: number | undefined },
): CheckOutcome {
  if (check.min === undefined && check.max === undefined)
    return { error: `the ${what} count check needs "min" or "max"` };
  const holds = (check.min === undefined || count >= check.min) && (check.max === undefined || count <= check.max);
  const range = `${check.min ?? 0}..${check.max ?? '∞'}`;
  return measured(holds, `${count} ${what} (allowed ${range})`, holds ? 1 : 0, count);
}

function matchSchema(schema: Record<string, unknown> | undefined, value: unknown, what: string): CheckOutcome {
  if (schema === undefined) return measured(true, what);
  let problems: string[];
  try {
    problems = compileJsonSchema(schema).validate(value);
  } catch (cause) {
    return { error: `the check's JSON Schema is invalid: ${(cause as Error).message}` };
  }
  return measured(
    problems.length === 0,
    problems.length === 0 ? `${what} and matches the schema` : `${what} but ${problems.join('; ')}`,
  );
}

function jsonPathOutcome(check: Extract<Check, { type: 'jsonPath' }>, response: string): CheckOutcome {
  let document: unknown;
  try {
    document = JSON.parse(response);
  } catch {
    const found = findJson(response);
    if (!found) return measured(false, 'the response holds no JSON');
    document = found.value;
  }
  let values: unknown[];
  try {
    values = queryJsonPath(document, check.path);
  } catch (cause) {
    return { error: (cause as Error).message };
  }
  if (values.length === 0) return measured(false, `nothing at ${check.path}`);
  const found = values.length === 1 ? values[0] : values;
  if (check.matches !== undefined) {
    let regex: RegExp;
    try {
      regex = new RegExp(check.matches);
    } catch (cause) {
      return { error: `invalid regular expression ${check.matches}: ${(cause as Error).message}` };
    }
    const text = typeof found === 'string' ? found : JSON.stringify(found);
    return measured(regex.test(text), `${check.path} is ${preview(text)} (pattern /${check.matches}/)`);
  }
  if (check.value !== undefined) {
    return measured(
      deepEqual(found, check.value),
      `${check.path} is ${JSON.stringify(found)}, expected ${JSON.stringify(check.value)}`,
    );
  }
  return measured(true, `${check.path} exists`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
