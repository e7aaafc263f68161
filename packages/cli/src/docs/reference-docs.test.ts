import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, generatedDocs, repoRoot } from '../../../../scripts/docs/reference-docs.js';

describe('generated docs (CLI and configuration reference, how many cases)', () => {
  for (const doc of generatedDocs) {
    it(`${doc.path} matches its generator`, async () => {
      const committed = await readFile(join(repoRoot, doc.path), 'utf8').catch(() => '');
      const fresh = generate(doc);
      if (committed !== fresh) {
        expect.fail(`${doc.path} is stale (it differs from what its generator gives): run npm run docs`);
      }
      expect(fresh.length).toBeGreaterThan(500);
    });
  }

  it('the CLI reference lists every command and option the CLI has, including the report and matrix ones', async () => {
    const cli = await readFile(join(repoRoot, 'docs/reference/cli.md'), 'utf8');
    for (const heading of [
      'agent-cicd report html',
      'agent-cicd report comment',
      'agent-cicd gate',
      'agent-cicd run',
    ]) {
      expect(cli).toContain(`\`${heading}\``);
    }
    expect(cli).toMatch(/`--baseline-cell <id>`/);
    expect(cli).toMatch(/`--matrix`/);
  });

  it('the configuration reference has the matrix key and the tier defaults', async () => {
    const config = await readFile(join(repoRoot, 'docs/reference/config.md'), 'utf8');
    expect(config).toMatch(/### `matrix`/);
    expect(config).toMatch(/\| `promptVersions` +\|/);
    expect(config).toMatch(/### Tier defaults/);
  });
});
