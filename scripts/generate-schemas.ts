// Writes packages/core/schemas/*.schema.json from the zod schemas. Run: npm run schemas
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateJsonSchemas } from '../packages/core/src/schema/json-schemas.js';

const dir = new URL('../packages/core/schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(generateJsonSchemas())) {
  writeFileSync(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`packages/core/schemas/${name}\n`);
}
