import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderChecksReference } from './render-checks-reference.js';

describe('docs/reference/checks.md', () => {
  it('is generated from the check schemas (run npm run docs:checks after changing them)', async () => {
    const committed = await readFile(new URL('../../../../docs/reference/checks.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderChecksReference());
  });
});
