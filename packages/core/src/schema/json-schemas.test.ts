import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { generateJsonSchemas } from './json-schemas.js';

const schemasDir = new URL('../../schemas/', import.meta.url);

describe('shipped JSON Schemas', () => {
  const generated = generateJsonSchemas();

  it.each(Object.keys(generated))('%s is up to date (run `npm run schemas` after changing a zod schema)', (name) => {
    const committed = JSON.parse(readFileSync(new URL(name, schemasDir), 'utf8'));
    expect(committed).toEqual(generated[name]);
  });

  it('accepts either key spelling in editors, but not both', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(generated['prompt-test-cases.schema.json'] as object);
    expect(validate([{ id: 'a', user_input: 'hi', expected_tools: ['x'], max_tokens_limit: 10 }])).toBe(true);
    expect(validate([{ id: 'a', userInput: 'hi', expectedTools: ['x'] }])).toBe(true);
    expect(validate([{ id: 'a', userInput: 'hi', user_input: 'hi' }])).toBe(false);
    expect(validate([{ id: 'a', userInput: 'hi', expected_tool: ['x'] }])).toBe(false);
  });
});
