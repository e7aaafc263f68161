import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gatePolicyJsonSchema } from './gate-policy-json-schema.js';

const file = fileURLToPath(new URL('../../schemas/gate-policy.schema.json', import.meta.url));
const generated = `${JSON.stringify(gatePolicyJsonSchema(), null, 2)}\n`;

describe('schemas/gate-policy.schema.json', () => {
  it('matches the zod schema (regenerate: AGENT_CICD_WRITE_SCHEMAS=1 npx vitest run gate-policy-json-schema)', () => {
    if (process.env.AGENT_CICD_WRITE_SCHEMAS === '1') writeFileSync(file, generated);
    // Compared as data: the formatter may re-wrap the file.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(generated));
  });

  it('documents the defaults', () => {
    const schema = gatePolicyJsonSchema() as { properties: Record<string, { default?: unknown }> };
    expect(schema.properties.minPassRate?.default).toBe(0.9);
    expect(schema.properties.nonInferiorityMargin?.default).toBe(0.05);
  });
});
