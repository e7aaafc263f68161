// Runs benchmarks (`bench/*.bench.ts`, each printing one JSON object on stdout) from source and prints
// {"<name>": <its JSON>, ...}. `node scripts/bench.mjs gates` runs only bench/gates.bench.ts.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const names = readdirSync('bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
if (names.length === 0) {
  console.error(`bench: no benchmark named ${only.join(', ')} in bench/`);
  process.exit(2);
}
const results = {};
for (const name of names) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--conditions=@agent-cicd/source', '--import', 'tsx', `bench/${name}.bench.ts`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  results[name] = JSON.parse(out.trim().split('\n').at(-1));
}
console.log(JSON.stringify(results, null, 2));
