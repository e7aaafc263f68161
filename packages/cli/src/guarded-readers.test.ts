// Every place in packages/*/src that reads a file or parses text is either core's guarded loader
// (`packages/core/src/source/`) or listed here with the reason its input is not a file agent-cicd takes as input
// (or is text the guarded loader already accepted). A new `readFile`/`JSON.parse`/YAML parse anywhere else fails
// this test until it goes through `@agent-cicd/core/source` or is classified below — so the audit cannot go stale.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Raw reads and parses: fs reads, streams, JSON and YAML parsers, dynamic imports of user modules. */
const readerPattern =
  /\breadFile(?:Sync)?\(|\bcreateReadStream\(|\breadSync\(|\bJSON\.parse\(|\bparseDocument\(|\bparseAllDocuments\(|\bimport\(pathToFileURL|\bcreateInterface\(/g;
/** `parse(` calls count as YAML parses in a file that imports `parse` from `yaml`. */
const yamlParseImport = /import\s*\{[^}]*\bparse\b[^}]*\}\s*from\s*'yaml'/;
const bareParse = /(?<![.\w])parse\(/g;

/** file → how many raw readers it has, and why each is not a file agent-cicd must load through the guarded path. */
const classified: Record<string, { count: number; why: string }> = {
  'packages/core/src/checks/evaluate-text-check.ts': { count: 2, why: 'model output, judged by the checks' },
  'packages/core/src/checks/find-json.ts': { count: 1, why: 'model output (JSON inside an answer)' },
  'packages/core/src/eval/evaluate-case.ts': { count: 1, why: 'model output (json_schema check)' },
  'packages/core/src/judge/create-judge.ts': { count: 1, why: "the judge model's verdict" },
  'packages/core/src/llm/parse-tool-arguments.ts': { count: 1, why: "a model's tool-call arguments" },
  'packages/vitest-plugin/src/matchers/matchers.ts': { count: 1, why: 'model output (toMatchJsonSchema)' },
  'packages/core/src/targets/create-http-target.ts': {
    count: 1,
    why: "the user's agent's HTTP answer (TARGET_INVALID)",
  },
  'packages/core/src/targets/create-command-target.ts': { count: 1, why: "the user's agent command's stdout" },
  'packages/core/src/mock-server/wire-common.ts': { count: 1, why: 'HTTP request bodies sent to the mock server' },
  'packages/core/src/mock-server/serve-call.ts': { count: 1, why: 'HTTP request bodies sent to the mock server' },
  'packages/deploy-gates/src/kubectl/create-kubectl.ts': { count: 1, why: 'kubectl -o json stdout (OUTPUT_INVALID)' },
  'packages/deploy-gates/src/docker/create-docker.ts': { count: 1, why: 'docker inspect stdout (OUTPUT_INVALID)' },
  'packages/core/src/report/html-report-client.ts': { count: 1, why: "browser code reading the report's own data" },
  'packages/vitest-plugin/src/transform/suite-to-module.ts': {
    count: 1,
    why: 'generated module code: JSON.parse of a literal JSON.stringify wrote at transform time',
  },
  'packages/core/src/matrix/select-best-cells.ts': { count: 1, why: 'its own map keys (JSON.stringify of a tuple)' },
  'packages/core/src/modules/import-module.ts': {
    count: 1,
    why: 'user code (a .ts/.js config or target): run, not parsed',
  },
  'packages/cli/src/commands/pipeline.ts': { count: 1, why: 'the interactive y/N approval prompt on a TTY' },
  'packages/cli/src/github-action/run-composite-action.ts': {
    count: 4,
    why: "a test harness running this repository's own action.yml",
  },
  'packages/core/src/init/init-project.ts': {
    count: 2,
    why: "the user's package.json, npm's file: read for a hint only; a malformed one is left to npm to report",
  },
  'packages/deploy-gates/src/pipeline/stages/unit-test.ts': {
    count: 2,
    why: "the user's package.json, npm's file: read for a hint only; a malformed one is left to npm to report",
  },
  'packages/deploy-gates/src/pipeline/scan/scan-secrets.ts': {
    count: 1,
    why: 'searches project files as text for secrets (own 2 MiB cap); parses nothing',
  },
  'packages/core/src/run/journal-lock.ts': { count: 1, why: "the lock's `pid host`: first 512 bytes, only compared" },
  'packages/core/src/run/write-run-report.ts': {
    count: 1,
    why: 'guarded: re-reads by offset lines readTextLines found, then decodeUtf8 + parseJsonLine',
  },
  'packages/core/src/prompts/hash-manifest.ts': {
    count: 1,
    why: 'guarded: the editable Document of text readTextFile + parseManifestText accepted',
  },
  'packages/deploy-gates/src/policy/load-policy.ts': {
    count: 1,
    why: 'guarded: node positions of text parseYamlSource accepted',
  },
  'packages/deploy-gates/src/gitops/kustomization-edit.ts': {
    count: 1,
    why: 'guarded: the editable Document of text readTextFile + parseYamlSource accepted (gitops-release.ts)',
  },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-utils' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Raw readers per file, outside the guarded loader itself (comments and strings of docs are not code). */
function rawReaders(): Record<string, number> {
  const found: Record<string, number> = {};
  for (const pkg of ['core', 'deploy-gates', 'vitest-plugin', 'cli']) {
    for (const path of sourceFiles(join(repoRoot, 'packages', pkg, 'src'))) {
      const file = relative(repoRoot, path).split('\\').join('/');
      if (file.startsWith('packages/core/src/source/')) continue;
      const code = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .join('\n');
      const count =
        (code.match(readerPattern)?.length ?? 0) +
        (yamlParseImport.test(code) ? (code.match(bareParse)?.length ?? 0) : 0);
      if (count > 0) found[file] = count;
    }
  }
  return found;
}

describe('every file agent-cicd reads goes through core/source', () => {
  it('has no raw reader that is not classified (new ones must use the guarded loader, or say why not)', () => {
    const found = rawReaders();
    const unexplained = Object.entries(found)
      .filter(([file, count]) => classified[file]?.count !== count)
      .map(([file, count]) => `${file}: ${count} raw reader(s), classified ${classified[file]?.count ?? 0}`);
    expect(unexplained).toEqual([]);
  });

  it('has no stale classification', () => {
    const found = rawReaders();
    expect(Object.keys(classified).filter((file) => found[file] === undefined)).toEqual([]);
  });
});
