// Every generated page of docs/: `npm run docs` writes them, a test (packages/cli/src/docs/reference-docs.test.ts)
// fails when a committed page differs from what its generator gives.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderCliReference } from '../../packages/cli/src/docs/render-cli-reference.js';
import { renderChecksReference } from '../../packages/core/src/checks/render-checks-reference.js';
import { renderConfigReference } from '../../packages/core/src/docs/render-config-reference.js';
import { renderHowManyCases } from '../../packages/deploy-gates/src/docs/render-how-many-cases.js';
import { renderErrorsReference } from './errors-reference.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface GeneratedDoc {
  /** Relative to the repository root. */
  path: string;
  render: () => string;
  /** Pass the output through `biome format` (the generators that do not format their own tables). */
  format: boolean;
}

export const generatedDocs: GeneratedDoc[] = [
  { path: 'docs/reference/cli.md', render: renderCliReference, format: true },
  { path: 'docs/reference/config.md', render: renderConfigReference, format: true },
  { path: 'docs/how-many-cases.md', render: renderHowManyCases, format: true },
  { path: 'docs/reference/checks.md', render: renderChecksReference, format: false },
  { path: 'docs/errors.md', render: renderErrorsReference, format: true },
];

/** Formats markdown the way `npm run lint` wants it (biome, the repository's config). */
export function formatMarkdown(text: string, path: string): string {
  const biome = fileURLToPath(new URL('../../node_modules/@biomejs/biome/bin/biome', import.meta.url));
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${path}`], {
    cwd: repoRoot,
    input: text,
    encoding: 'utf8',
  });
}

/** The page as it must be committed. */
export function generate(doc: GeneratedDoc): string {
  const text = doc.render();
  return doc.format ? formatMarkdown(text, doc.path) : text;
}
