import { AgentCicdError, type SourceLocation } from '../errors.js';
import type { PromptTestCase } from '../schema/prompt-test-case.js';
import type { Suite } from '../schema/suite.js';
import type { Manifest } from './manifest-schema.js';

/**
 * Which manifest prompt version a case uses: the prompt is the suite's `prompt.name`, or — when the suite names
 * none — the manifest's only prompt; the version is the case's `systemPromptVersion`, else the suite's
 * `prompt.version`, else the prompt's `currentVersion`. Undefined when the case uses no manifest prompt (no
 * suite prompt and no `systemPromptVersion`). Throws `AGENT_CICD_PROMPT_NOT_FOUND` for names the manifest lacks.
 */
export function promptRefFor(options: {
  suite: Pick<Suite, 'prompt'>;
  testCase: Pick<PromptTestCase, 'systemPromptVersion'>;
  manifest: Manifest;
  /** Where to point errors (e.g. the case's `systemPromptVersion`). */
  location?: SourceLocation;
}): { name: string; version: string } | undefined {
  const { suite, testCase, manifest, location } = options;
  if (suite.prompt === undefined && testCase.systemPromptVersion === undefined) return undefined;
  const names = Object.keys(manifest.prompts);
  const fail = (message: string): never => {
    throw new AgentCicdError('AGENT_CICD_PROMPT_NOT_FOUND', message, location ? { location } : {});
  };
  const quoted = (list: string[]): string => list.map((item) => `"${item}"`).join(', ') || 'none';
  let name = suite.prompt?.name;
  if (name === undefined) {
    if (names.length !== 1) {
      fail(
        `the suite names no prompt and the manifest has ${names.length} (${quoted(names)}); add prompt: { name, version }`,
      );
    }
    name = names[0] as string;
  }
  const entry = Object.hasOwn(manifest.prompts, name) ? manifest.prompts[name] : undefined;
  if (!entry) return fail(`no prompt "${name}" in the manifest (prompts: ${quoted(names)})`);
  const version = testCase.systemPromptVersion ?? suite.prompt?.version ?? entry.currentVersion;
  if (version === undefined) return fail(`prompt "${name}": no version given and no currentVersion`);
  if (!Object.hasOwn(entry.versions, version)) {
    fail(`prompt "${name}" has no version "${version}" (versions: ${quoted(Object.keys(entry.versions))})`);
  }
  return { name, version };
}
