import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core';
import { formatPath, generatedFileLimits, parseGeneratedJson, readTextFile } from '@agent-cicd/core/source';
import { DeployErrorCode } from '../errors.js';
import type { Kubectl } from '../kubectl/create-kubectl.js';
import { assertDnsSubdomain } from '../validate/validate.js';
import { emptyReleaseHistory, type ReleaseHistory, ReleaseHistorySchema } from './release-history.js';

/** Where the release history lives. */
export interface ReleaseStore {
  readonly description: string;
  load(): Promise<ReleaseHistory>;
  save(history: ReleaseHistory): Promise<void>;
}

function parseHistory(text: string, where: string): ReleaseHistory {
  const doc = parseGeneratedJson(text, where);
  const parsed = ReleaseHistorySchema.safeParse(doc.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const segments = (issue?.path ?? []).map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    throw new AgentCicdError(DeployErrorCode.releaseHistoryInvalid, issue?.message ?? 'invalid release history', {
      location: { file: where, ...doc.locate(segments), path: formatPath(segments) || undefined },
    });
  }
  return parsed.data;
}

/** A local JSON file (for CI runners with a persistent workspace, and for dry-runs). Written atomically. */
export function createFileReleaseStore(path: string): ReleaseStore {
  return {
    description: path,
    async load() {
      let text: string;
      try {
        text = await readTextFile(path, path, { maxBytes: generatedFileLimits.maxBytes });
      } catch (error) {
        if (error instanceof AgentCicdError && error.code === 'AGENT_CICD_FILE_NOT_FOUND') return emptyReleaseHistory();
        throw error;
      }
      return parseHistory(text, path);
    },
    async save(history) {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(history, null, 2)}\n`);
      await rename(tmp, path);
    },
  };
}

/** Key of the history JSON inside the ConfigMap. */
export const historyKey = 'history.json';

/**
 * A ConfigMap in the app's namespace (the default: the history lives beside what it describes, and every CI
 * runner sees the same one). In dry-run, `load` reads nothing (an empty history) and `save` prints the apply.
 */
export function createConfigMapReleaseStore(options: { kubectl: Kubectl; name: string }): ReleaseStore {
  const { kubectl } = options;
  const name = assertDnsSubdomain(options.name, 'ConfigMap name');
  const where = `configmap/${name}`;
  return {
    description: where,
    async load() {
      const json = (await kubectl.getJson('configmap', name, { optional: true })) as
        | { data?: Record<string, string> }
        | undefined;
      const text = json?.data?.[historyKey];
      return text === undefined ? emptyReleaseHistory() : parseHistory(text, where);
    },
    async save(history) {
      await kubectl.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'agent-cicd' } },
        data: { [historyKey]: JSON.stringify(history) },
      });
    },
  };
}
