import { z } from 'zod';
import { withSnakeCaseAliases } from '../schema/snake-case-aliases.js';
import { placeholderError } from './interpolate.js';
import { regexError } from './text-matcher.js';

/** A string that may contain `{{placeholders}}`; unknown placeholder names are an error at load time. */
const TemplateSchema = z.string().superRefine((value, ctx) => {
  const message = placeholderError(value);
  if (message) ctx.addIssue({ code: 'custom', message });
});

/** A substring, or a regular expression written `/pattern/flags` (in TypeScript also a RegExp). */
const TextPatternSchema = z.union([
  z.string().superRefine((value, ctx) => {
    const message = regexError(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  }),
  z.instanceof(RegExp),
]);

/** Conditions of a rule; all given conditions must hold. An empty `when` matches every request. */
export const MockMatchSchema = withSnakeCaseAliases(
  z.strictObject({
    /** The last user message contains this substring or matches this `/regex/`. */
    user: TextPatternSchema.optional(),
    /** The system prompt contains / matches this. */
    system: TextPatternSchema.optional(),
    /** `request.metadata.promptVersion` equals this (or matches this `/regex/`). */
    promptVersion: TextPatternSchema.optional(),
    /** The requested model contains / matches this. */
    model: TextPatternSchema.optional(),
    /** Turn number (1 + assistant messages so far), or a `{ min, max }` range. */
    turn: z
      .union([
        z.number().int().positive(),
        z.strictObject({ min: z.number().int().positive().optional(), max: z.number().int().positive().optional() }),
      ])
      .optional(),
    /**
     * Tool results since the last user message: `true` (some), `false` (none), or a tool name / list of names
     * (a result from one of these tools is present).
     */
    toolResult: z.union([z.boolean(), z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  }),
);

export const MockErrorKindSchema = z.enum([
  'rate_limit',
  'overloaded',
  'auth',
  'invalid_request',
  'context_length',
  'not_found',
  'timeout',
  'server',
  'network',
  'invalid_response',
  'unknown',
]);

export const MockErrorSpecSchema = withSnakeCaseAliases(
  z.strictObject({
    kind: MockErrorKindSchema,
    /** HTTP status; defaults by kind (rate_limit 429, overloaded 529, auth 401, invalid_request/context_length 400, timeout 408, server 500). */
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().optional(),
    /** Suggested wait before retrying, in milliseconds (the mock server sends it as `retry-after`). */
    retryAfterMs: z.number().nonnegative().optional(),
  }),
);

export const MockToolCallSpecSchema = withSnakeCaseAliases(
  z.strictObject({
    id: z.string().min(1).optional(),
    name: z.string().min(1),
    /** Arguments object; string values may use the same placeholders as `text`. */
    arguments: z
      .record(z.string(), z.unknown())
      .default({})
      .superRefine((value, ctx) => {
        const message = placeholderError(JSON.stringify(value));
        if (message) ctx.addIssue({ code: 'custom', message });
      }),
  }),
);

const ResponseObjectSchema = withSnakeCaseAliases(
  z.strictObject({
    /** Answer text; `{{input}}`, `{{system}}`, `{{turn}}`, `{{promptVersion}}`, `{{toolResult}}`, `{{match.N}}`, `{{metadata.KEY}}` are replaced. */
    text: TemplateSchema.optional(),
    toolCalls: z.array(MockToolCallSpecSchema).optional(),
    /** Overrides the token counts computed with the tokenizer. */
    usage: withSnakeCaseAliases(
      z.strictObject({
        inputTokens: z.number().int().nonnegative().optional(),
        outputTokens: z.number().int().nonnegative().optional(),
      }),
    ).optional(),
    /** Simulated latency: the client waits this long (through its injected `sleep`) and reports it. */
    latencyMs: z.number().nonnegative().optional(),
    timeToFirstTokenMs: z.number().nonnegative().optional(),
    finishReason: z.enum(['stop', 'tool_calls', 'length', 'content_filter', 'error', 'other']).optional(),
    model: z.string().optional(),
    /** Simulated cost of this answer in USD (the mock has no price otherwise), for `cost` checks and budgets. */
    costUsd: z.number().nonnegative().optional(),
    /** Fail instead of answering (after the latency). */
    error: MockErrorSpecSchema.optional(),
  }),
);

/** What a rule answers: a response object, or a plain string as shorthand for `{ text }`. */
export const MockResponseSpecSchema = z.union([
  TemplateSchema.transform((text): z.output<typeof ResponseObjectSchema> => ({ text })),
  ResponseObjectSchema,
]);

export const MockRuleSchema = withSnakeCaseAliases(
  z.strictObject({
    name: z.string().optional(),
    when: MockMatchSchema.default({}),
    respond: MockResponseSpecSchema,
    /** Answer `respond` with this probability, else `otherwise` (or, without `otherwise`, try the next rules). */
    probability: z.number().min(0).max(1).optional(),
    otherwise: MockResponseSpecSchema.optional(),
  }),
);

export const MockScriptSchema = withSnakeCaseAliases(
  z.strictObject({
    name: z.string().optional(),
    /** Model name reported when neither the rule nor the request gives one. @default 'mock' */
    model: z.string().default('mock'),
    /** Default seed of the non-determinism (an option of `createMockLlm` overrides it). @default 0 */
    seed: z.number().int().optional(),
    /** Tokenizer for usage counts. @default 'o200k_base' */
    encoding: z.enum(['o200k_base', 'cl100k_base']).default('o200k_base'),
    rules: z.array(MockRuleSchema).min(1),
  }),
);

/** A mock script as written (YAML or TypeScript). */
export type MockScriptInput = z.input<typeof MockScriptSchema>;
/** A validated mock script; `file` is set when it came from `loadMockScript`. */
export type MockScript = z.output<typeof MockScriptSchema> & { file?: string };
export type MockRuleInput = z.input<typeof MockRuleSchema>;
export type MockRule = z.output<typeof MockRuleSchema>;
export type MockResponseSpec = z.output<typeof MockResponseSpecSchema>;
export type MockErrorSpec = z.output<typeof MockErrorSpecSchema>;
/** The same kinds as `LlmError`. */
export type MockErrorKind = z.infer<typeof MockErrorKindSchema>;
