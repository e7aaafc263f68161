import { z } from 'zod';

/** The verdict a judge must give, parsed strictly: no extra keys, no defaults, score within 0..1. */
export const JudgeVerdictSchema = z
  .object({
    score: z.number().min(0).max(1),
    pass: z.boolean(),
    reason: z.string().min(1),
  })
  .strict();
export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;

/** JSON Schema of the verdict: the `submit_verdict` tool's parameters, or the JSON the model must reply with. */
export const judgeVerdictJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    score: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'How well the output meets the expected behaviour, 0..1.',
    },
    pass: { type: 'boolean', description: 'Whether the output meets the expected behaviour.' },
    reason: { type: 'string', description: 'One or two sentences explaining the score.' },
  },
  required: ['score', 'pass', 'reason'],
  additionalProperties: false,
};
