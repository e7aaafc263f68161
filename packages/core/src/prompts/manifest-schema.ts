import { z } from 'zod';
import { withSnakeCaseAliases } from '../schema/snake-case-aliases.js';
import { projectPathSchema } from '../source/project-path.js';

/** `sha256:` followed by 64 lowercase hex digits: the SHA-256 of the prompt file's bytes. */
export const PromptHashSchema = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 lowercase hex digits (run `agent-cicd manifest hash`)');

export const PromptVersionSchema = withSnakeCaseAliases(
  z
    .object({
      path: projectPathSchema('The template file, relative to the project root (and inside it).'),
      hash: PromptHashSchema.optional().describe('Written by `agent-cicd manifest hash`; checked before every use.'),
      description: z.string().optional(),
      metrics: z.record(z.string(), z.unknown()).optional().describe('Free-form results recorded for this version.'),
      changes: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .describe('What changed from the previous version.'),
      variables: z
        .array(z.string().regex(/^[A-Za-z_$][\w$-]*$/, 'expected a variable name'))
        .optional()
        .describe('Template variables this version takes; when set, lint checks the template against them.'),
    })
    .strict(),
);
export type PromptVersion = z.output<typeof PromptVersionSchema>;

export const PromptEntrySchema = withSnakeCaseAliases(
  z
    .object({
      description: z.string().optional(),
      currentVersion: z.string().min(1).optional().describe('The version served by default.'),
      versions: z.record(z.string(), PromptVersionSchema),
    })
    .strict(),
);
export type PromptEntry = z.output<typeof PromptEntrySchema>;

/** The seed's `config/prompt_manifest.yaml`: `prompts → name → versions → version → {path, hash, …}`. */
export const ManifestSchema = z
  .object({
    $schema: z.string().optional(),
    prompts: z.record(z.string(), PromptEntrySchema),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    for (const [name, entry] of Object.entries(manifest.prompts)) {
      if (entry.currentVersion !== undefined && !Object.hasOwn(entry.versions, entry.currentVersion)) {
        ctx.addIssue({
          code: 'custom',
          message: `current version "${entry.currentVersion}" is not in versions`,
          path: ['prompts', name, 'currentVersion'],
        });
      }
    }
  });
export type Manifest = z.output<typeof ManifestSchema>;
