// `npm run docs`: regenerates every generated page of docs/ (CLI, config, checks reference; how many cases).
// `--check` writes nothing and exits 1 naming the stale pages.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, generatedDocs, repoRoot } from './reference-docs.js';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const doc of generatedDocs) {
  const file = join(repoRoot, doc.path);
  const text = generate(doc);
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {}
  if (committed === text) continue;
  stale.push(doc.path);
  if (check) continue;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  console.log(`wrote ${doc.path}`);
}
if (check && stale.length) {
  console.error(`stale generated docs: ${stale.join(', ')}; run npm run docs`);
  process.exit(1);
}
if (!stale.length) console.log('generated docs are current');
