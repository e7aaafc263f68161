import { z } from 'zod';
import { applyCaseDefaults, CaseDefaultsSchema, PromptTestCaseListSchema } from './prompt-test-case.js';
import { withSnakeCaseAliases } from './snake-case-aliases.js';

/** A prompt from the manifest: `prompts/manifest.yaml` → `name` → `versions` → `version`. */
export const PromptRefSchema = z
  .object({ name: z.string().min(1), version: z.string().min(1) })
  .strict()
  .describe('A prompt and version from the prompt manifest.');
export type PromptRef = z.infer<typeof PromptRefSchema>;

/** Code under test: a module (path relative to the suite file) exporting an agent target. */
export const TargetRefSchema = z
  .object({ module: z.string().min(1), export: z.string().min(1).optional() })
  .strict()
  .describe('A module (relative to the suite file) and its export (default: `default`).');
export type TargetRef = z.infer<typeof TargetRefSchema>;

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
