import { z } from 'zod';
import { AgentCicdError } from '../errors.js';
import { loadYamlWithSchema } from '../mock/parse-yaml-with-schema.js';
import { createPrng } from '../mock/prng.js';
import { compileTextMatcher, regexError, type TextMatcher } from '../mock/text-matcher.js';
import { withSnakeCaseAliases } from '../schema/snake-case-aliases.js';

const PatternSchema = z.union([
  z.string().superRefine((value, ctx) => {
    const message = regexError(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  }),
  z.instanceof(RegExp),
]);

export const FaultTypeSchema = z.enum([
  'rate_limit',
  'server_error',
  'overloaded',
  'slow_first_byte',
  'stream_cut',
  'malformed_json',
]);

export const FaultRuleSchema = withSnakeCaseAliases(
  z.strictObject({
    name: z.string().optional(),
    /** rate_limit → 429 + retry-after; server_error → 500; overloaded → 529; slow_first_byte → wait, then answer; stream_cut → close the connection mid-body; malformed_json → invalid JSON in the body or a stream event. */
    type: FaultTypeSchema,
    /** All given conditions must hold: `path` (e.g. `/v1/messages`), `model`, `message` (last user message); substring or `/regex/`. */
    when: withSnakeCaseAliases(
      z.strictObject({
        path: PatternSchema.optional(),
        model: PatternSchema.optional(),
        message: PatternSchema.optional(),
      }),
    ).default({}),
    /** Fire with this probability (seeded). @default 1 */
    probability: z.number().min(0).max(1).optional(),
    /** Fire for at most this many matching requests (e.g. `times: 1` to fail once, then recover). */
    times: z.number().int().positive().optional(),
    /** rate_limit / overloaded: the `retry-after` (seconds, rounded up) and `retry-after-ms` headers. @default 1000 */
    retryAfterMs: z.number().nonnegative().optional(),
    /** slow_first_byte: wait before the first byte. @default 1000 */
    delayMs: z.number().nonnegative().optional(),
    /** stream_cut / malformed_json on streams: SSE events sent before the fault (stream_cut with 0: reset the connection before any byte, on any request). @default 2 */
    afterEvents: z.number().int().nonnegative().optional(),
    /** Error message in the error body. */
    message: z.string().optional(),
  }),
);

export const FaultsFileSchema = withSnakeCaseAliases(
  z.strictObject({
    /** Seed of the probability draws (one sequential stream per server). @default 0 */
    seed: z.number().int().optional(),
    faults: z.array(FaultRuleSchema),
  }),
);

export type FaultType = z.infer<typeof FaultTypeSchema>;
export type FaultRule = z.output<typeof FaultRuleSchema>;
export type FaultRuleInput = z.input<typeof FaultRuleSchema>;
export type FaultsFile = z.output<typeof FaultsFileSchema>;
export type FaultsFileInput = z.input<typeof FaultsFileSchema>;

/** Reads and validates a faults file (YAML); errors name file:line:col and the field path. */
export async function loadFaults(path: string): Promise<FaultsFile> {
  return loadYamlWithSchema(path, FaultsFileSchema, 'AGENT_CICD_MOCK_FAULTS_INVALID');
}

/** What a request looks like to fault rules. */
export interface FaultContext {
  path: string;
  model: string;
  message: string;
}

/** Picks the fault (if any) for each request, in order; counts `times` and draws probabilities from one seeded stream. */
export function createFaultInjector(
  config: FaultsFileInput | FaultRuleInput[],
  seed?: number,
): (context: FaultContext) => FaultRule | undefined {
  const parsed = FaultsFileSchema.safeParse(Array.isArray(config) ? { faults: config } : config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AgentCicdError('AGENT_CICD_MOCK_FAULTS_INVALID', issue?.message ?? 'invalid faults', {
      location: { file: '<faults>', path: issue?.path.join('.') },
    });
  }
  const random = createPrng(seed ?? parsed.data.seed ?? 0);
  const compiled = parsed.data.faults.map((rule) => {
    const compile = (pattern: string | RegExp | undefined): TextMatcher | undefined =>
      pattern === undefined ? undefined : compileTextMatcher(pattern);
    return {
      rule,
      fired: 0,
      path: compile(rule.when.path),
      model: compile(rule.when.model),
      message: compile(rule.when.message),
    };
  });
  return (context) => {
    for (const entry of compiled) {
      if (entry.rule.times !== undefined && entry.fired >= entry.rule.times) continue;
      if (entry.path && !entry.path(context.path)) continue;
      if (entry.model && !entry.model(context.model)) continue;
      if (entry.message && !entry.message(context.message)) continue;
      if (entry.rule.probability !== undefined && random() >= entry.rule.probability) continue;
      entry.fired++;
      return entry.rule;
    }
    return undefined;
  };
}
