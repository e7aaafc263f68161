// `npm run docs:errors`: writes docs/errors.md from the error catalogues (`npm run docs` writes it too; a test fails
// when it is stale).
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, generatedDocs, repoRoot } from './reference-docs.js';

const doc = generatedDocs.find((candidate) => candidate.path === 'docs/errors.md');
if (!doc) throw new Error('docs/errors.md is not among the generated docs');
const file = join(repoRoot, doc.path);
writeFileSync(`${file}.tmp`, generate(doc));
renameSync(`${file}.tmp`, file);
console.log(`wrote ${doc.path}`);
