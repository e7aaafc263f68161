import { z } from 'zod';
import { withSnakeCaseAliases } from '../schema/snake-case-aliases.js';

/**
 * The `checks:` list of a case: each check has a `type`, its value, and the common options below. A check
 * measures one thing about one trial; its score (0..1) joins the case score, and a check that does not hold
 * is a violation carrying the measured value. See docs/reference/checks.md (generated from these schemas).
 */
const common = {
  threshold: z.number().optional().describe('Pass mark for measured checks (its meaning depends on the type).'),
  weight: z.number().min(0).optional().describe('Weight of this check in the case score. Default 1.'),
  not: z.boolean().optional().describe('Negate the check: it holds when the check would not.'),
  name: z.string().min(1).optional().describe('A label for reports (default: the type).'),
};

const text = z.string();
const textList = z.array(z.string()).min(1);
const reference = z
  .union([z.string(), z.array(z.string()).min(1)])
  .optional()
  .describe("Reference text(s); defaults to the case's `expectedOutput`.");
const ignoreCase = z.boolean().optional().describe('Compare case-insensitively. Default false.');

function check<T extends string, S extends z.ZodRawShape>(type: T, shape: S, description: string) {
  return withSnakeCaseAliases(
    z
      .object({ type: z.literal(type), ...common, ...shape })
      .strict()
      .meta({ title: type, description }),
  );
}

/** Every check type, by `type`. The descriptions are the generated reference's text. */
export const checkSchemas = {
  equals: check(
    'equals',
    {
      value: text.describe('The expected response.'),
      ignoreCase,
      trim: z.boolean().optional().describe('Trim whitespace of both sides first. Default false.'),
    },
    'The response equals `value` (optionally trimmed, case-insensitive).',
  ),
  startsWith: check(
    'startsWith',
    { value: text.describe('The expected start.'), ignoreCase },
    'The response starts with `value`.',
  ),
  containsAny: check(
    'containsAny',
    { value: textList.describe('Strings, one of which must appear.'), ignoreCase },
    'The response contains at least one of the strings.',
  ),
  containsAll: check(
    'containsAll',
    { value: textList.describe('Strings that must all appear.'), ignoreCase },
    'The response contains every string; the score is the share found.',
  ),
  regex: check(
    'regex',
    {
      value: text.describe('A pattern, or `/pattern/flags`.'),
      flags: z
        .string()
        .regex(/^[imsuv]*$/)
        .optional()
        .describe('Flags for a bare pattern (`i`, `m`, `s`, `u`, `v`).'),
    },
    'The response matches the regular expression (`/re/flags` or a bare pattern with `flags`).',
  ),
  isJson: check(
    'isJson',
    { value: z.record(z.string(), z.unknown()).optional().describe('Optional JSON Schema.') },
    'The whole response is JSON (and matches the JSON Schema in `value`, if given).',
  ),
  containsJson: check(
    'containsJson',
    { value: z.record(z.string(), z.unknown()).optional().describe('Optional JSON Schema.') },
    'The response contains a JSON object or array (matching the JSON Schema in `value`, if given).',
  ),
  jsonPath: check(
    'jsonPath',
    {
      path: z
        .string()
        .regex(/^\$/, 'a JSONPath starts with $')
        .describe('JSONPath into the response parsed as JSON (`$.a.b[0]`, `$["k"]`).'),
      value: z.unknown().optional().describe('The value found there must equal this (deep equality).'),
      matches: z.string().optional().describe('The value found there, as text, must match this regular expression.'),
    },
    'A value inside the JSON response equals `value` or matches `matches` (without either: the path exists).',
  ),
  isXml: check('isXml', {}, 'The response is well-formed XML (one root element, balanced tags, quoted attributes).'),
  isSql: check(
    'isSql',
    {
      dialect: z
        .enum(['mysql', 'postgresql', 'sqlite', 'bigquery', 'transactsql', 'mariadb'])
        .optional()
        .describe('SQL dialect. Default mysql.'),
    },
    'The response parses as SQL (needs the optional package `node-sql-parser`).',
  ),
  wordCount: check(
    'wordCount',
    {
      min: z.number().int().min(0).optional().describe('Fewest words.'),
      max: z.number().int().min(0).optional().describe('Most words.'),
    },
    'The number of words is within `min`..`max`.',
  ),
  sentenceCount: check(
    'sentenceCount',
    {
      min: z.number().int().min(0).optional().describe('Fewest sentences.'),
      max: z.number().int().min(0).optional().describe('Most sentences.'),
    },
    'The number of sentences is within `min`..`max`.',
  ),
  levenshtein: check(
    'levenshtein',
    { value: reference },
    'Normalised Levenshtein similarity to the reference (1 − distance / longer length) is at least `threshold` (default 0.8).',
  ),
  rouge1: check(
    'rouge1',
    { value: reference },
    'ROUGE-1 F1 against the reference is at least `threshold` (default 0.75).',
  ),
  rouge2: check(
    'rouge2',
    { value: reference },
    'ROUGE-2 F1 against the reference is at least `threshold` (default 0.75).',
  ),
  rougeL: check(
    'rougeL',
    { value: reference },
    'ROUGE-L F1 against the reference is at least `threshold` (default 0.75).',
  ),
  bleu: check(
    'bleu',
    { value: reference },
    'Sentence BLEU-4 (brevity penalty, no smoothing) against the reference(s) is at least `threshold` (default 0.5).',
  ),
  cost: check('cost', {}, 'The trial cost at most `threshold` USD.'),
  latency: check('latency', {}, 'The trial took at most `threshold` milliseconds.'),
  toolCallF1: check(
    'toolCallF1',
    { value: z.array(z.string()).optional().describe("Expected tool names; default: the case's `expectedTools`.") },
    'F1 of the called tool names against the expected ones (as sets) is at least `threshold` (default 1).',
  ),
  similar: check(
    'similar',
    {
      value: reference,
      model: z
        .string()
        .optional()
        .describe("Embedding model. Default: the provider's (`text-embedding-3-small` for OpenAI)."),
    },
    'Cosine similarity of the embeddings of the response and the reference is at least `threshold` (default 0.75).',
  ),
  factuality: check(
    'factuality',
    { value: reference },
    'Model-graded: the response is factually consistent with the reference answer.',
  ),
  closedQa: check(
    'closedQa',
    { value: text.describe('The criterion the answer must meet.') },
    'Model-graded: the response answers the question and meets the criterion in `value`.',
  ),
  answerRelevance: check('answerRelevance', {}, 'Model-graded: the response addresses what the user asked.'),
  contextFaithfulness: check(
    'contextFaithfulness',
    { value: z.string().optional().describe('Context; default: the results of the tools the agent called.') },
    'Model-graded: every claim of the response is supported by the retrieved context (RAG).',
  ),
  refusal: check(
    'refusal',
    {},
    'Model-graded: the response declines the request (use `not: true` for "must not refuse").',
  ),
  harmful: check(
    'harmful',
    {},
    'Model-graded: the response contains harmful content (use `not: true` for "must be harmless").',
  ),
} as const;

export type CheckType = keyof typeof checkSchemas;

/** Types graded by a model through the tier's LLM client with the judge's strict verdict rules. */
export const modelGradedCheckTypes = [
  'factuality',
  'closedQa',
  'answerRelevance',
  'contextFaithfulness',
  'refusal',
  'harmful',
] as const satisfies readonly CheckType[];

const byType = new Map<string, z.ZodType>(Object.entries(checkSchemas));

/** One check of a case's `checks` list (snake_case keys accepted, e.g. `ignore_case`, `contains_all`). */
export const CheckInputSchema = z.custom<CheckInput>();

export const CheckSchema = CheckInputSchema.transform((input, ctx) => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  const canonical = typeof type === 'string' ? type.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : type;
  const schema = typeof canonical === 'string' ? byType.get(canonical) : undefined;
  if (!schema) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown check type ${JSON.stringify(type)}; expected one of: ${[...byType.keys()].join(', ')}`,
      path: ['type'],
    });
    return z.NEVER;
  }
  const parsed = schema.safeParse({ ...(input as object), type: canonical });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    return z.NEVER;
  }
  return parsed.data as Check;
});

type CheckOf<K extends CheckType> = z.output<(typeof checkSchemas)[K]>;
export type Check = { [K in CheckType]: CheckOf<K> }[CheckType];
export type CheckInput = { [K in CheckType]: z.input<(typeof checkSchemas)[K]> }[CheckType];
