// `npm run bench`: runs the benchmarks (`bench/<name>.bench.ts`, each printing one JSON object as the last line of
// its stdout) one after another, from source, and prints ONE JSON document:
//   { "allMet": <bool>, "goals": [{ bench, figure, value, goal, met }…], "benches": { <name>: <status> }, "<name>": <its object>… }
// `node scripts/bench.mjs gates mock-server` runs only those. Exit code: 0 when every bench ran, whether or not
// its goals are met (read `allMet`); 1 when a bench crashed or printed no JSON object (the document is still
// printed); 2 for an unknown bench name. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchDocument, lastJsonObject } from './bench-summary.mjs';

// From the repository root whatever the working directory (`npm run bench` in a workspace, or a path to the script).
const root = fileURLToPath(new URL('../', import.meta.url));
const only = process.argv.slice(2);
const available = readdirSync(`${root}bench`)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort();
const unknown = only.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`bench: no benchmark named ${unknown.join(', ')} in bench/ (have: ${available.join(', ')})`);
  process.exit(2);
}
const names = only.length === 0 ? available : available.filter((name) => only.includes(name));
const runs = {};
for (const name of names) {
  process.stderr.write(`bench: ${name}…\n`);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--conditions=@agent-cicd/source', '--import', 'tsx', `bench/${name}.bench.ts`],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.error) runs[name] = { error: child.error.message };
  else if (child.status !== 0) runs[name] = { error: `exited ${child.status ?? child.signal}` };
  else {
    try {
      runs[name] = { output: lastJsonObject(child.stdout) };
    } catch (error) {
      runs[name] = { error: error.message };
    }
  }
}
const document = benchDocument(runs);
console.log(JSON.stringify(document, null, 2));
process.exitCode = Object.values(runs).some((run) => 'error' in run) ? 1 : 0;
