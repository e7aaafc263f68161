import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseImageReference } from '../validate/image-reference.js';

const releaseId = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Model settings shipped with a release (camelCase, as in `AgentDeploymentConfig`). */
export const ReleaseModelSchema = z
  .object({
    llmModel: z.string().min(1),
    llmTemperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    timeoutSeconds: z.number().positive().optional(),
    toolsEnabled: z.union([z.boolean(), z.array(z.string().min(1))]).optional(),
  })
  .strict();

/** One tool of the release's tool manifest; `hash` pins its definition (schema + description). */
export const ReleaseToolSchema = z.object({ name: z.string().min(1), hash: z.string().min(1).optional() }).strict();

/**
 * The unit of promotion and rollback: code (image digest), prompt (name, version, hash), model config and
 * tool manifest travel together, so a rollback restores all of them at once.
 */
export const ReleaseBundleSchema = z
  .object({
    id: z.string().max(40).regex(releaseId, 'a release id is lower-case letters, digits and "-"'),
    createdAt: z.iso.datetime(),
    /** `repository@sha256:…` — always a digest, never a moving tag. */
    image: z.string().refine((value) => {
      try {
        return parseImageReference(value).digest !== undefined;
      } catch {
        return false;
      }
    }, 'image must be an image reference with a digest (name@sha256:…)'),
    prompt: z.object({ name: z.string().min(1), version: z.string().min(1), hash: z.string().min(1) }).strict(),
    model: ReleaseModelSchema,
    tools: z.array(ReleaseToolSchema).default([]),
    gitSha: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/)
      .optional(),
    notes: z.string().optional(),
  })
  .strict();
export type ReleaseBundle = z.infer<typeof ReleaseBundleSchema>;
export type ReleaseBundleInput = z.input<typeof ReleaseBundleSchema>;

/** Stable JSON (sorted keys) so equal content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of what a release ships (image, prompt, model, tools) — the same content gives the same hash. */
export function releaseContentHash(bundle: Pick<ReleaseBundle, 'image' | 'prompt' | 'model' | 'tools'>): string {
  const { image, prompt, model, tools } = bundle;
  return createHash('sha256').update(canonical({ image, prompt, model, tools })).digest('hex');
}

/**
 * Builds a validated bundle; the id defaults to `r<yyyymmddhhmmss>-<content hash 8>`.
 * @example createReleaseBundle({ image: 'ghcr.io/acme/agent@sha256:…', prompt, model: { llmModel: 'gpt-4o' } })
 */
export function createReleaseBundle(
  input: Omit<ReleaseBundleInput, 'id' | 'createdAt'> & { id?: string; createdAt?: string },
  options: { now?: () => Date } = {},
): ReleaseBundle {
  const now = (options.now ?? (() => new Date()))();
  const { id, createdAt, ...content } = input;
  const draft = ReleaseBundleSchema.omit({ id: true, createdAt: true }).parse(content);
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return ReleaseBundleSchema.parse({
    ...draft,
    id: id ?? `r${stamp}-${releaseContentHash(draft).slice(0, 8)}`,
    createdAt: createdAt ?? now.toISOString(),
  });
}
