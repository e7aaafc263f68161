import { AgentCicdError } from '@agent-cicd/core';
import { type Document, isMap, isSeq, LineCounter, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { DeployErrorCode } from '../errors.js';
import type { ReleaseBundle } from '../release/release-bundle.js';
import { releaseAnnotation } from '../rollout/manifests.js';

/** What the release changes in a kustomization. */
export interface KustomizationRelease {
  /** The image name the manifests use (the `images[].name` kustomize matches). */
  imageName: string;
  /** The Deployment whose pod template carries the release annotation. */
  deployment: string;
  /** Name of the generated prompt/model ConfigMap. */
  configMap: string;
  release: ReleaseBundle;
}

const marker = 'agent-cicd: release annotation';

/** Parses a kustomization; a YAML error is a located error (file:line:col). */
export function parseKustomization(text: string, file: string): Document {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw new AgentCicdError(DeployErrorCode.invalidInput, `not valid YAML: ${error.message.split('\n')[0]}`, {
      location: { file, ...(pos ? { line: pos.line, column: pos.col } : {}) },
    });
  }
  if (!isMap(doc.contents)) {
    throw new AgentCicdError(DeployErrorCode.invalidInput, 'a kustomization must be a YAML mapping', {
      location: { file },
    });
  }
  return doc;
}

function seq(doc: Document, key: string): YAMLSeq {
  const existing = doc.get(key);
  if (isSeq(existing)) return existing;
  const created = doc.createNode([]) as YAMLSeq;
  doc.set(key, created);
  return created;
}

function upsert(list: YAMLSeq, match: (item: YAMLMap) => boolean, node: unknown): void {
  const index = list.items.findIndex((item) => isMap(item) && match(item));
  if (index >= 0) list.items[index] = node as never;
  else list.items.push(node as never);
}

/**
 * Writes a release into a kustomization, comments and order kept: the `images:` entry (digest-pinned), a
 * `configMapGenerator` entry with the prompt and model config (kustomize's hash suffix rolls the pods when it
 * changes), and a patch putting the release annotation on the Deployment's pod template.
 */
export function applyReleaseToKustomization(doc: Document, change: KustomizationRelease): string {
  const { release } = change;
  const at = release.image.indexOf('@');
  const image =
    at > 0
      ? { name: change.imageName, newName: release.image.slice(0, at), digest: release.image.slice(at + 1) }
      : {
          name: change.imageName,
          newName: release.image.replace(/:[^/:]+$/, ''),
          newTag: release.image.split(':').at(-1),
        };
  upsert(seq(doc, 'images'), (item) => item.get('name') === change.imageName, doc.createNode(image));

  const literals = [
    `RELEASE_ID=${release.id}`,
    `PROMPT_NAME=${release.prompt.name}`,
    `PROMPT_VERSION=${release.prompt.version}`,
    `PROMPT_HASH=${release.prompt.hash}`,
    `LLM_MODEL=${release.model.llmModel}`,
    ...(release.model.llmTemperature === undefined ? [] : [`LLM_TEMPERATURE=${release.model.llmTemperature}`]),
    ...(release.model.maxTokens === undefined ? [] : [`MAX_TOKENS=${release.model.maxTokens}`]),
  ];
  upsert(
    seq(doc, 'configMapGenerator'),
    (item) => item.get('name') === change.configMap,
    doc.createNode({ name: change.configMap, literals }),
  );

  const patch = {
    target: { kind: 'Deployment', name: change.deployment },
    patch: `# ${marker}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${change.deployment}\nspec:\n  template:\n    metadata:\n      annotations:\n        ${releaseAnnotation}: ${JSON.stringify(release.id)}\n`,
  };
  upsert(seq(doc, 'patches'), (item) => String(item.get('patch') ?? '').includes(marker), doc.createNode(patch));
  return doc.toString({ lineWidth: 0 });
}
