import { z } from 'zod';
import { applyCaseDefaults, CaseDefaultsSchema, PromptTestCaseListSchema } from './prompt-test-case.js';
import { withSnakeCaseAliases } from './snake-case-aliases.js';

/** A prompt from the manifest: `prompts/manifest.yaml` → `name` → `versions` → `version`. */
export const PromptRefSchema = z
  .object({ name: z.string().min(1), version: z.string().min(1) })
  .strict()
  .describe('A prompt and version from the prompt manifest.');
export type PromptRef = z.infer<typeof PromptRefSchema>;

/** Code under test in this process: a JavaScript/TypeScript module (path relative to the suite file). */
export const ModuleTargetRefSchema = z
  .object({ module: z.string().min(1), export: z.string().min(1).optional() })
  .strict()
  .describe('A module (relative to the suite file) and its export (default: `run`, else `default`).');
export type ModuleTargetRef = z.infer<typeof ModuleTargetRefSchema>;

const positiveSeconds = z.number().positive().max(86_400);

/** An agent in any language, run once per trial: the case as JSON on stdin, the result as JSON on stdout. */
export const CommandTargetRefSchema = withSnakeCaseAliases(
  z
    .object({
      command: z
        .array(z.string().min(1))
        .min(1)
        .describe('Program and arguments, e.g. `[python3, agent.py]` (no shell); paths relative to `cwd`.'),
      cwd: z.string().min(1).optional().describe('Working directory, relative to the suite file. @default its folder'),
      env: z.record(z.string(), z.string()).optional().describe('Extra environment variables for the agent.'),
      timeoutSeconds: positiveSeconds.optional().describe('Per trial; then the process is killed. @default 60'),
      llm: z
        .enum(['proxy', 'inherit'])
        .optional()
        .describe(
          '`proxy`: OPENAI_BASE_URL / ANTHROPIC_BASE_URL point at a per-trial server answering with the tier’s model, so its tool calls are recorded; `inherit`: the environment is left as it is. @default proxy',
        ),
    })
    .strict(),
);

const JSON_POINTER = /^(\/([^~]|~[01])*)*$/;
const pointer = z.string().regex(JSON_POINTER, 'must be a JSON pointer such as /answer/text (RFC 6901)');

/** An agent already running as a service, called over HTTP once per trial. */
export const HttpTargetRefSchema = withSnakeCaseAliases(
  z
    .object({
      url: z
        .string()
        .refine((url) => url.includes('${') || /^https?:\/\/[^\s/]+/.test(url), 'must be an http(s) URL')
        .describe(
          'The agent endpoint, e.g. `https://staging.example.com/v1/chat`; `${VAR}` is replaced by that environment variable (e.g. `${STAGING_URL}/v1/chat`).',
        ),
      method: z.enum(['POST', 'PUT', 'GET']).optional().describe('@default POST'),
      headers: z
        .record(z.string(), z.string())
        .optional()
        .describe('Request headers; `${VAR}` is replaced by that environment variable (for secrets), never recorded.'),
      body: z
        .unknown()
        .optional()
        .describe(
          'Request body template (JSON); strings may use {{input}}, {{caseId}}, {{trial}}, {{tier}}, {{promptVersion}}, {{vars.NAME}}; a string that is only {{messages}} or {{vars}} becomes that value. @default the command target’s stdin object',
        ),
      responsePath: pointer
        .optional()
        .describe(
          'JSON pointer to the answer text; without it the body is the seed’s or the full result shape, or plain text.',
        ),
      toolsCalledPath: pointer
        .optional()
        .describe('JSON pointer to the tools the agent called (names or { name, arguments }).'),
      tokenCountPath: pointer.optional().describe('JSON pointer to the token count of the answer.'),
      timeoutSeconds: positiveSeconds.optional().describe('Per trial. @default 60'),
    })
    .strict(),
);

/** Code under test: a module, a command (any language) or an HTTP service. */
export const TargetRefSchema = z
  .union([ModuleTargetRefSchema, CommandTargetRefSchema, HttpTargetRefSchema], { error: describeTargetIssue })
  .describe('What the cases run against: `{ module }`, `{ command: [...] }` or `{ url }`.');
export type TargetRef = z.output<typeof TargetRefSchema>;
export type CommandTargetRef = z.output<typeof CommandTargetRefSchema>;
export type HttpTargetRef = z.output<typeof HttpTargetRefSchema>;

const suiteObject = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    prompt: PromptRefSchema.optional(),
    target: TargetRefSchema.optional(),
    defaults: CaseDefaultsSchema.optional(),
    threshold: z.number().min(0).max(1).optional().describe('Minimum suite pass rate (0..1).'),
    vars: z.record(z.string(), z.unknown()).optional().describe('Template variables shared by every case.'),
    cases: PromptTestCaseListSchema,
  })
  .strict();

/** Input schema of a suite file, before defaults are applied (used for JSON Schema generation). */
export const SuiteInputSchema = withSnakeCaseAliases(suiteObject);

/**
 * A suite (`*.prompt.yaml`, `*.suite.yaml`): a name, the prompt or target under test, defaults, a pass-rate
 * threshold and its cases. After parsing, every case has the suite's `defaults` and `vars` applied.
 */
export const SuiteSchema = SuiteInputSchema.transform((suite) => ({
  ...suite,
  defaults: suite.defaults ?? {},
  vars: suite.vars ?? {},
  cases: suite.cases.map((testCase) => applyCaseDefaults(testCase, suite.defaults, suite.vars)),
}));
export type Suite = z.output<typeof SuiteSchema>;
export type SuiteInput = z.input<typeof SuiteSchema>;

const TARGET_KINDS = ['module', 'command', 'url'] as const;

/** A union mismatch said in words: which kind of target was meant (by its key) and what is wrong with it. */
function describeTargetIssue(issue: { code?: string; input?: unknown; errors?: unknown }): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const input = issue.input;
  const expected = 'a target is { module: path }, { command: [program, args...] } or { url: http(s)://... }';
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return expected;
  const kind = TARGET_KINDS.findIndex((key) => key in input);
  if (kind === -1) return `${expected}; got keys ${Object.keys(input).join(', ') || '(none)'}`;
  const branch = (issue.errors as Array<Array<{ path: PropertyKey[]; message: string }>> | undefined)?.[kind];
  const first = branch?.[0];
  if (!first) return expected;
  return `${TARGET_KINDS[kind]} target: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}`;
}
