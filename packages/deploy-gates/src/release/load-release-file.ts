import { AgentCicdError } from '@agent-cicd/core';
import { loadSourceFile } from '@agent-cicd/core/source';
import { DeployErrorCode } from '../errors.js';
import { createReleaseBundle, type ReleaseBundle } from './release-bundle.js';

/**
 * Reads a release file (prompt, model, tools; optional id, gitSha, notes) and binds it to the image being
 * deployed. The image must be a digest: a release pins exactly what runs. Every problem is invalid input.
 */
export async function loadReleaseFile(file: string, image: string, shown = file): Promise<ReleaseBundle> {
  // Core's guarded loader: a missing, oversized, non-UTF-8 or malformed file is one located error.
  const raw = (await loadSourceFile(file, { name: shown })).value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AgentCicdError(DeployErrorCode.invalidInput, 'a release file is a JSON object', {
      location: { file: shown },
    });
  }
  const fields = raw as Record<string, unknown>;
  if (fields.image !== undefined && fields.image !== image) {
    throw new AgentCicdError(
      DeployErrorCode.invalidInput,
      `release image ${String(fields.image)} differs from --image`,
      {
        location: { file: shown, path: 'image' },
      },
    );
  }
  try {
    return createReleaseBundle({ ...fields, image } as Parameters<typeof createReleaseBundle>[0]);
  } catch (cause) {
    const issue = (cause as { issues?: { message: string; path: PropertyKey[] }[] }).issues?.[0];
    throw new AgentCicdError(DeployErrorCode.invalidInput, `invalid release: ${issue?.message ?? String(cause)}`, {
      cause,
      location: { file: shown, ...(issue?.path.length ? { path: issue.path.join('.') } : {}) },
    });
  }
}
