import { z } from 'zod';
import { CheckSchema } from '../checks/check-schema.js';
import { parseTextPattern } from '../eval/match-text.js';
import { withSnakeCaseAliases } from './snake-case-aliases.js';

/** A keyword entry: plain text, or `/pattern/flags`, validated as a regular expression at load time. */
export const KeywordSchema = z.string().superRefine((entry, ctx) => {
  try {
    parseTextPattern(entry);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    ctx.addIssue({ code: 'custom', message: `invalid regular expression ${entry}: ${reason}` });
  }
});

/** One earlier turn of a multi-turn conversation. */
export const ConversationTurnSchema = z
  .object({ role: z.enum(['user', 'assistant']), content: z.string() })
  .strict()
  .meta({ description: 'An earlier turn of the conversation.' });
export type ConversationTurn = z.infer<typeof ConversationTurnSchema>;

/** How `expectedTools` is matched against the calls the agent made. */
export const ToolOrderSchema = z.enum(['any', 'ordered', 'exact']);
export type ToolOrder = z.infer<typeof ToolOrderSchema>;

const stringList = z.array(z.string().min(1));

/** Fields a suite's `defaults` may set for all of its cases. */
const defaultableFields = {
  systemPromptVersion: z.string().min(1).optional().describe('Prompt version from the manifest (seed field).'),
  forbiddenTools: stringList.optional().describe('Tools that must not be called.'),
  forbiddenKeywords: z.array(KeywordSchema).optional().describe('Text or /regex/flags that must not appear.'),
  maxTokensLimit: z.number().int().positive().optional().describe('Maximum tokens of the response (seed field).'),
  maxLatencyMs: z.number().positive().optional().describe('Maximum latency of one trial, in milliseconds.'),
  toolOrder: ToolOrderSchema.optional().describe(
    '`any` (default): every expected tool is called; `ordered`: in this order; `exact`: exactly these calls in this order.',
  ),
  judgeThreshold: z.number().min(0).max(1).optional().describe('Minimum judge score (0..1). Default 0.7.'),
  trials: z.number().int().min(1).max(1000).optional().describe('How many times the case runs. Default 1.'),
  tags: stringList.optional(),
  checks: z
    .array(CheckSchema)
    .optional()
    .describe('Checks of the response: text, JSON, reference metrics, cost, tools, similarity, model-graded rubrics.'),
};

/** A suite's `defaults`: applied to every case that does not set the field itself (lists are concatenated). */
export const CaseDefaultsSchema = withSnakeCaseAliases(z.object(defaultableFields).strict());
export type CaseDefaults = z.output<typeof CaseDefaultsSchema>;

const caseObject = z
  .object({
    id: z.string().min(1).describe('Unique within its file.'),
    name: z.string().optional(),
    userInput: z.string().optional().describe('The (final) user message (seed field).'),
    messages: z.array(ConversationTurnSchema).min(1).optional().describe('Earlier turns, sent before `userInput`.'),
    expectedBehavior: z.string().optional().describe('What a good answer does; the rubric for the LLM judge.'),
    expectedTools: stringList.optional().describe('Tools that must be called (seed field).'),
    toolArguments: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .optional()
      .describe('Per tool, arguments its call must contain (subset match; "/re/flags" strings are regexes).'),
    expectedResponseKeywords: z
      .array(KeywordSchema)
      .optional()
      .describe('Text (case-insensitive) or /regex/flags that must appear (seed field).'),
    outputSchema: z.record(z.string(), z.unknown()).optional().describe('JSON Schema the response must satisfy.'),
    expectedOutput: z
      .string()
      .optional()
      .describe('A reference answer for reference-based checks (levenshtein, rouge, bleu, similar, factuality).'),
    vars: z.record(z.string(), z.unknown()).optional().describe('Template variables for the prompt.'),
    ...defaultableFields,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.userInput === undefined && value.messages === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a case needs "userInput" (user_input) or "messages"' });
    }
  });

/** A case as written, before defaults are applied (snake_case keys accepted). */
export const PromptTestCaseInputSchema = withSnakeCaseAliases(caseObject);

type RawCase = z.output<typeof PromptTestCaseInputSchema>;

/** Applies suite defaults, suite vars and built-in defaults to a case as written. */
export function applyCaseDefaults(
  testCase: RawCase,
  defaults: CaseDefaults = {},
  suiteVars: Record<string, unknown> = {},
) {
  const concat = (a: string[] | undefined, b: string[] | undefined): string[] => [
    ...new Set([...(a ?? []), ...(b ?? [])]),
  ];
  return {
    ...defaults,
    ...testCase,
    expectedTools: testCase.expectedTools ?? [],
    expectedResponseKeywords: testCase.expectedResponseKeywords ?? [],
    forbiddenTools: concat(defaults.forbiddenTools, testCase.forbiddenTools),
    forbiddenKeywords: concat(defaults.forbiddenKeywords, testCase.forbiddenKeywords),
    tags: concat(defaults.tags, testCase.tags),
    ...(defaults.checks || testCase.checks ? { checks: [...(defaults.checks ?? []), ...(testCase.checks ?? [])] } : {}),
    vars: { ...suiteVars, ...testCase.vars },
    toolOrder: testCase.toolOrder ?? defaults.toolOrder ?? 'any',
    judgeThreshold: testCase.judgeThreshold ?? defaults.judgeThreshold ?? 0.7,
    trials: testCase.trials ?? defaults.trials ?? 1,
  };
}

/**
 * One prompt test case: the seed's fields (`id, name, system_prompt_version, user_input, expected_behavior,
 * expected_tools, expected_response_keywords, forbidden_keywords, max_tokens_limit`) plus vars, multi-turn
 * messages, forbidden tools, tool arguments and order, latency limit, output JSON Schema, judge threshold,
 * trials and tags. camelCase is canonical; snake_case is accepted on input.
 */
export const PromptTestCaseSchema = PromptTestCaseInputSchema.transform((testCase) => applyCaseDefaults(testCase));
export type PromptTestCase = z.output<typeof PromptTestCaseSchema>;
export type PromptTestCaseInput = z.input<typeof PromptTestCaseSchema>;

/** A list of cases with unique ids, at least one: the seed's `tests/prompt_test_cases.json` format. */
export const PromptTestCaseListSchema = z
  .array(PromptTestCaseInputSchema)
  .min(1, 'no test cases: a suite needs at least one case')
  .superRefine((cases, ctx) => {
    const seen = new Map<string, number>();
    cases.forEach((testCase, index) => {
      const id = (testCase as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        ctx.addIssue({
          code: 'custom',
          message: `duplicate case id "${id}" (first used by the case at index ${first})`,
          path: [index, 'id'],
        });
    });
  });
