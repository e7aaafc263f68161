// The malformed-input corpus: every file type agent-cicd reads and every CLI flag, each given broken input, must
// answer with exactly one line `error[CODE] file:line:col path: message` (location where there is one), exit 2,
// no stack trace and no hang. Most entries run in-process through `main` (the same code path as the binary); a
// sample runs through the spawned binary; cassettes, journals and history are read by library calls whose error is
// printed the way `main` prints it. Figures go to .agent-cicd/fault-figures/malformed-inputs.json.
import { mkdir, mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRunReport } from '@agent-cicd/core';
import { AgentCicdError, formatUserError } from '@agent-cicd/core/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogues } from '../../../scripts/docs/errors-reference.js';
import { writeFaultFigures } from '../../../scripts/fault-figures.js';
import { readApproval } from '../../deploy-gates/src/pipeline/approvals.js';
import { loadToolsSuites } from '../../deploy-gates/src/pipeline/tools-suite.js';
import { main } from './main.js';
import { oneLine } from './one-line.js';
import { runCli } from './test-utils/run-cli.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const codes = new Set(errorCatalogues.flatMap(({ catalogue }) => Object.keys(catalogue)));

type Content = string | Buffer;
/** What the project set-up knows when it writes the files (the header line of a real journal of `ok.prompt.yaml`). */
interface SetUp {
  journalHeader: string;
}
/** `sparseBytes`: a sparse file of that size (no disk used; a size limit refuses it before reading). */
type FileContent = Content | ((setUp: SetUp) => Content) | { sparseBytes: number };
interface Entry {
  id: string;
  kind: string;
  /** argv; `F` is replaced by the malformed file's name. */
  args: string[];
  file?: { name: string; content: FileContent };
  /** The error line must name this file with a line and column (`'file'`: the file only, e.g. a size limit). */
  located?: boolean | 'file';
  /** Acceptable codes (default: any catalogued code but a kubectl/docker failure). */
  codes?: string[];
  /** A library read instead of the CLI (a file no command reads from the user): printed the way `main` prints. */
  library?: (project: string, file: string) => Promise<unknown>;
}

const sha = `sha256:${'a'.repeat(64)}`;
const image = `registry.example/agent@${sha}`;
const bomb = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...'bcdefg'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
].join('\n');
const deepJson = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const deepYaml = `${'['.repeat(300)}${']'.repeat(300)}`;
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
/** Just over a size limit, as a comment (YAML) or a string (JSON), so only the size is wrong. */
const oversizeYaml = (limit: number): string => `# ${'x'.repeat(limit)}\n`;
const oversizeJson = (limit: number): string => `{"pad": "${'x'.repeat(limit)}"}`;
const MiB = 1024 * 1024;

/** The ways any YAML file can be broken, located in the file. */
const yamlBreaks: Array<[string, Content]> = [
  ['syntax', 'name: [unclosed\n'],
  ['duplicate-key', 'name: a\nname: b\n'],
  ['alias-bomb', `${bomb}\n`],
  ['deep', deepYaml],
  ['latin1', latin1('name: caf\xe9\n')],
  ['binary', Buffer.from([0x6e, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x0a])],
  ['bad-indent', 'name: a\n  b: c\n d: e\n'],
  ['tab-indent', 'name:\n\t- a\n'],
];
/** The ways any JSON file can be broken. */
const jsonBreaks: Array<[string, Content]> = [
  ['syntax', '{"a": }'],
  ['trailing-comma', '[1, 2,]'],
  ['deep', deepJson],
  ['latin1', latin1('{"name": "caf\xe9"}')],
  ['truncated', '{"schemaVersion": 1'],
  ['comment', '// note\n{}'],
  ['duplicate-key', '{"a": 1, "a": 2}'],
  ['nan', '{"a": NaN}'],
];

function fileKind(
  kind: string,
  ext: string,
  args: string[],
  breaks: Array<[string, Content]>,
  schemaBreaks: Array<[string, FileContent]>,
): Entry[] {
  return [...breaks, ...schemaBreaks].map(([what, content]) => ({
    id: `${kind}: ${what}`,
    kind,
    args,
    file: { name: `bad-${kind.replace(/\W+/g, '-')}-${what}${ext}`, content },
    located: true,
  }));
}

const fileEntries: Entry[] = [
  ...fileKind('suite', '.prompt.yaml', ['run', 'F', '--tier', 'dev'], yamlBreaks, [
    ['unknown-key', 'name: s\ncases:\n  - id: a\n    user_input: hi\n    expected_tool: [x]\n'],
    ['no-cases', 'name: s\ncases: []\n'],
    ['wrong-type', 'name: s\ncases:\n  - id: a\n    user_input: 3\n'],
    ['duplicate-ids', 'name: s\ncases:\n  - {id: a, user_input: hi}\n  - {id: a, user_input: ho}\n'],
    ['top-scalar', '42\n'],
  ]),
  ...fileKind('cases', '.cases.json', ['run', 'F', '--tier', 'dev'], jsonBreaks, [
    ['wrong-seed', '[{"id": "a", "user_input": "hi", "seed": "x"}]'],
    ['both-spellings', '[{"id": "a", "user_input": "hi", "userInput": "hi"}]'],
    ['top-string', '"cases"'],
  ]),
  ...fileKind('config', '.yaml', ['config', '--config', 'F'], yamlBreaks, [
    ['unknown-key', 'tierz: {}\n'],
    ['outside-mock-script', 'mock:\n  script: ../../elsewhere.mock.yaml\n'],
    ['outside-cassettes', 'cassette:\n  dir: /tmp/cassettes\n'],
    ['outside-manifest', 'manifest: ../manifest.yaml\n'],
  ]),
  ...fileKind('manifest', '.yaml', ['manifest', 'verify', '--manifest', 'F'], yamlBreaks, [
    [
      'outside-prompt-path',
      `prompts:\n  s:\n    currentVersion: v1\n    versions:\n      v1:\n        path: ../outside-secret.txt\n`,
    ],
    [
      'bad-hash',
      'prompts:\n  s:\n    currentVersion: v1\n    versions:\n      v1:\n        path: p.hbs\n        hash: md5:x\n',
    ],
    ['absolute-path', 'prompts:\n  s:\n    currentVersion: v1\n    versions:\n      v1:\n        path: /etc/passwd\n'],
  ]),
  ...fileKind(
    'policy',
    '.yaml',
    ['gate', '--baseline', 'base.json', '--candidate', 'base.json', '--policy', 'F'],
    yamlBreaks,
    [
      ['unknown-key', 'bogus: 1\n'],
      ['wrong-type', 'latency:\n  p99MaxMs: fast\n'],
    ],
  ),
  ...fileKind('report', '.json', ['gate', '--baseline', 'F', '--candidate', 'base.json'], jsonBreaks, [
    ['not-a-report', '{"schemaVersion": 2}'],
    ['array', '[]'],
  ]),
  ...fileKind('report-show', '.json', ['report', 'show', 'F'], jsonBreaks.slice(0, 4), [['not-a-report', '{}']]),
  ...fileKind('mock-script', '.mock.yaml', ['mock-server', '--port', '0', '--script', 'F'], yamlBreaks, [
    ['unknown-key', 'rulez: []\n'],
    ['bad-regex', 'rules:\n  - when: {message: "/[unclosed/"}\n    respond: {text: hi}\n'],
  ]),
  ...fileKind('faults', '.yaml', ['mock-server', '--port', '0', '--faults', 'F'], yamlBreaks, [
    ['unknown-type', 'faults:\n  - type: explode\n'],
  ]),
  ...fileKind(
    'mock-tools',
    '.yaml',
    ['run', 'ok.prompt.yaml', '--tier', 'dev', '--mock-script', 'mock.yaml', '--mock-tools', 'F'],
    yamlBreaks,
    [['no-name', 'tools:\n  - responses: []\n']],
  ),
  ...fileKind(
    'release',
    '.json',
    [
      'deploy',
      'blue-green',
      '--app',
      'agent',
      '--image',
      image,
      '--release',
      'F',
      '--manifests',
      'k8s.yaml',
      '--history-file',
      'history.json',
      '--dry-run',
    ],
    jsonBreaks.slice(0, 5),
    [],
  ),
  ...fileKind(
    'history',
    '.json',
    ['rollback', '--app', 'agent', '--history-file', 'F', '--dry-run'],
    jsonBreaks.slice(0, 5),
    [['wrong-shape', '{"releases": 3}']],
  ),
  ...fileKind(
    'kube-manifests',
    '.yaml',
    [
      'deploy',
      'blue-green',
      '--app',
      'agent',
      '--image',
      image,
      '--manifests',
      'F',
      '--history-file',
      'history.json',
      '--dry-run',
    ],
    yamlBreaks,
    [
      ['wrong-shape', 'kind: Deployment\nmetadata:\n  name: agent\n'],
      ['second-doc-scalar', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: agent}\n---\n42\n'],
      ['list-of-strings', 'apiVersion: v1\nkind: List\nitems: [a, b]\n'],
      ['alias-bomb-second-doc', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: agent}\n---\n${bomb}\n`],
    ],
  ),
  ...fileKind(
    'gitops-release',
    '.json',
    ['deploy', 'gitops', '.', '--app', 'agent', '--release', 'F', '--dry-run'],
    jsonBreaks,
    [
      ['wrong-shape', '{"id": "r1", "image": 3}'],
      ['array', '[]'],
    ],
  ),
  ...fileKind(
    'gitops-evidence',
    '.json',
    ['deploy', 'gitops', '.', '--app', 'agent', '--release', 'release-ok.json', '--evidence', 'F', '--dry-run'],
    jsonBreaks,
    [
      ['wrong-shape', '{"action": "promote", "evidence": [{"check": 1}]}'],
      ['reasons-not-list', '{"reasons": "fine"}'],
    ],
  ),
  ...fileKind(
    'journal',
    '.jsonl',
    ['run', 'ok.prompt.yaml', '--tier', 'dev', '--mock-script', 'mock.yaml', '--results', 'F', '--resume'],
    [
      ['not-json', '{"type": "run"\n'],
      ['latin1', latin1('{"type":"run","x":"\xe9"}\n')],
      ['deep', `${deepJson}\n`],
    ],
    [
      ['line-2-not-json', ({ journalHeader }) => `${journalHeader}\n{"type": "case", \n`],
      [
        'line-2-latin1',
        ({ journalHeader }) =>
          Buffer.concat([Buffer.from(`${journalHeader}\n`), latin1('{"type":"case","x":"\xe9"}\n')]),
      ],
      ['line-2-deep', ({ journalHeader }) => `${journalHeader}\n${deepJson}\n`],
      [
        'line-2-wrong-shape',
        ({ journalHeader }) => `${journalHeader}\n{"type": "case", "suite": 0, "index": 0, "result": {"id": 3}}\n`,
      ],
      ['line-2-not-a-case', ({ journalHeader }) => `${journalHeader}\n[1, 2]\n`],
    ],
  ),
];

/** Files that no command reads from the user directly, read by the library function that reads them. */
function libraryKind(
  kind: string,
  name: (what: string) => string,
  library: NonNullable<Entry['library']>,
  breaks: Array<[string, FileContent]>,
): Entry[] {
  return breaks.map(([what, content]) => ({
    id: `${kind}: ${what}`,
    kind,
    args: [],
    file: { name: name(what), content },
    located: true,
    library,
  }));
}

const journalOf =
  (line: Content) =>
  ({ journalHeader }: SetUp): Content =>
    Buffer.concat([Buffer.from(`${journalHeader}\n`), Buffer.from(line), Buffer.from('\n')]);

const libraryEntries: Entry[] = [
  ...libraryKind(
    'tools-suite',
    (what) => `tools-${what}/x.tools.yaml`,
    (project, file) => loadToolsSuites(project, dirname(file)),
    [
      ...yamlBreaks,
      ['wrong-shape', 'kind: tools\nname: t\ntools:\n  - name: lookup\n    output: {}\n    samples: []\n'],
      ['unknown-key', 'kind: tools\nname: t\ntoolz: []\n'],
    ],
  ),
  ...libraryKind(
    'approval',
    (what) => `.agent-cicd/approvals/bad-approval-${what}.json`,
    (project, file) => readApproval(project, file.replace(/^.*\/(.*)\.json$/, '$1')),
    [
      ...jsonBreaks,
      ['wrong-shape', '{"runId": "bad-approval-wrong-shape", "approvedBy": 3, "at": "now"}'],
      ['other-run', '{"runId": "another-run", "approvedBy": "ana", "at": "2026-01-01T00:00:00Z"}'],
    ],
  ),
  ...libraryKind(
    'journal-read-back',
    (what) => `read-back-${what}.jsonl`,
    (project, file) =>
      writeRunReport({
        report: { suites: [{ name: 'ok', cases: [] }] } as never,
        resultsFile: join(project, file),
        file: join(project, `${file}.report.json`),
      }),
    [
      ['syntax', journalOf('{"type":"case","suite":0,"index":0,"result": }')],
      ['latin1', journalOf(latin1('{"type":"case","suite":0,"index":0,"result":{"id":"caf\xe9"}}'))],
      ['deep', journalOf(`{"type":"case","suite":0,"index":0,"result":${deepJson}}`)],
      ['wrong-shape', journalOf('{"type":"case","suite":0,"index":0,"result":3}')],
    ],
  ),
];

/** Over the size limit: refused before parsing with a message naming the limit (no line: the whole file is wrong). */
const oversizeEntries: Entry[] = (
  [
    {
      id: 'kube-manifests: oversize',
      kind: 'kube-manifests',
      args: [
        'deploy',
        'blue-green',
        '--app',
        'agent',
        '--image',
        image,
        '--manifests',
        'F',
        '--history-file',
        'history.json',
        '--dry-run',
      ],
      file: { name: 'big-k8s.yaml', content: oversizeYaml(4 * MiB) },
    },
    {
      id: 'gitops-release: oversize',
      kind: 'gitops-release',
      args: ['deploy', 'gitops', '.', '--app', 'agent', '--release', 'F', '--dry-run'],
      file: { name: 'big-release.json', content: oversizeJson(8 * MiB) },
    },
    {
      id: 'gitops-evidence: oversize',
      kind: 'gitops-evidence',
      args: ['deploy', 'gitops', '.', '--app', 'agent', '--release', 'release-ok.json', '--evidence', 'F', '--dry-run'],
      file: { name: 'big-decision.json', content: oversizeJson(8 * MiB) },
    },
    {
      id: 'tools-suite: oversize',
      kind: 'tools-suite',
      args: [],
      file: { name: 'tools-big/x.tools.yaml', content: oversizeYaml(8 * MiB) },
      library: (project: string, file: string) => loadToolsSuites(project, dirname(file)),
    },
    {
      id: 'approval: oversize',
      kind: 'approval',
      args: [],
      file: { name: '.agent-cicd/approvals/big.json', content: oversizeJson(8 * MiB) },
      library: (project: string) => readApproval(project, 'big'),
    },
    {
      id: 'journal: oversize',
      kind: 'journal',
      args: ['run', 'ok.prompt.yaml', '--tier', 'dev', '--mock-script', 'mock.yaml', '--results', 'F', '--resume'],
      file: { name: 'big.jsonl', content: { sparseBytes: 257 * MiB } },
    },
  ] as Entry[]
).map((entry) => ({ ...entry, located: 'file' as const, codes: ['AGENT_CICD_FILE_TOO_LARGE'] }));
fileEntries.push(...libraryEntries, ...oversizeEntries);

/** Every flag with a value it must refuse. */
const flagEntries: Entry[] = [
  ...[
    ['--trials', '0'],
    ['--trials', 'x'],
    ['--trials', '1.5'],
    ['--concurrency', '0'],
    ['--concurrency', ''],
    ['--max-cost', '-1'],
    ['--max-cost', 'free'],
    ['--max-calls', '0'],
    ['--seed', 'abc'],
    ['--seed', '0x10'],
    ['--tier', 'nope'],
    ['--cassette', 'sometimes'],
    ['--shard', '3/2'],
    ['--shard', 'x'],
  ].map(([flag, value]) => ({
    id: `run ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: ['run', 'ok.prompt.yaml', flag as string, value as string],
  })),
  ...[
    ['--port', '99999'],
    ['--port', 'http'],
    ['--seed', '1e3'],
    ['--cassette-mode', 'sideways'],
  ].map(([flag, value]) => ({
    id: `mock-server ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: ['mock-server', flag as string, value as string],
  })),
  ...[
    ['--step', '0'],
    ['--step', '101'],
    ['--step', 'half'],
    ['--step', '30'],
  ].map(([flag, value]) => ({
    id: `gate ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: ['gate', '--baseline', 'base.json', '--candidate', 'base.json', flag as string, value as string],
  })),
  ...[
    ['--width', '10'],
    ['--width', 'wide'],
    ['--max-failures', '-1'],
  ].map(([flag, value]) => ({
    id: `report show ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: ['report', 'show', 'base.json', flag as string, value as string],
  })),
  ...[
    ['--trials', '0'],
    ['--seed', 'x'],
    ['--from', 'nosuch'],
    ['--until', 'nosuch'],
  ].map(([flag, value]) => ({
    id: `pipeline ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: ['pipeline', flag as string, value as string],
  })),
  ...[
    ['--replicas', '0'],
    ['--keep-warm', 'x'],
    ['--timeout', 'soon'],
    ['--app', 'Bad_Name'],
    ['--namespace', 'x;y'],
    ['--image', 'not an image'],
    ['--smoke-url', 'ftp://x'],
    ['--history-configmap', 'x; touch PWN'],
    ['--color-label', 'bad key'],
    ['--context', '-x'],
  ].map(([flag, value]) => ({
    id: `deploy blue-green ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: [
      'deploy',
      'blue-green',
      '--app',
      'agent',
      '--image',
      image,
      '--manifests',
      'k8s.yaml',
      '--dry-run',
      '--history-file',
      'history.json',
      flag as string,
      value as string,
    ],
  })),
  ...[
    ['--steps', '5,x'],
    ['--max-holds', '-1'],
    ['--canary-replicas', '0'],
    ['--pause', 'later'],
    ['--router', 'haproxy'],
  ].map(([flag, value]) => ({
    id: `deploy canary ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: [
      'deploy',
      'canary',
      '--app',
      'agent',
      '--image',
      image,
      '--dry-run',
      '--history-file',
      'history.json',
      flag as string,
      value as string,
    ],
  })),
  ...[
    ['--keep-warm', '-1'],
    ['--strategy', 'sideways'],
    ['--app', 'UPPER'],
    ['--to', 'r\nforged'],
  ].map(([flag, value]) => ({
    id: `rollback ${flag} ${JSON.stringify(value)}`,
    kind: 'flag',
    args: [
      'rollback',
      '--app',
      'agent',
      '--history-file',
      'history.json',
      '--dry-run',
      flag as string,
      value as string,
    ],
  })),
  ...[
    'run',
    'gate',
    'lint',
    'report show',
    'mock-server',
    'rollback',
    'pipeline',
    'config',
    'manifest verify',
    'deploy canary',
  ].map((command) => ({
    id: `${command} --no-such-flag`,
    kind: 'usage',
    args: [...command.split(' '), '--no-such-flag'],
    codes: ['AGENT_CICD_USAGE'],
  })),
  { id: 'unknown command', kind: 'usage', args: ['deplyo'], codes: ['AGENT_CICD_USAGE'] },
  {
    id: 'gate without --baseline',
    kind: 'usage',
    args: ['gate', '--candidate', 'base.json'],
    codes: ['AGENT_CICD_USAGE'],
  },
  { id: 'report show without a file', kind: 'usage', args: ['report', 'show'], codes: ['AGENT_CICD_USAGE'] },
  { id: 'missing suite file', kind: 'flag', args: ['run', 'nope.prompt.yaml', '--tier', 'dev'] },
  {
    id: 'missing policy file',
    kind: 'flag',
    args: ['gate', '--baseline', 'base.json', '--candidate', 'base.json', '--policy', 'nope.yaml'],
  },
  { id: 'report is a directory', kind: 'flag', args: ['report', 'show', 'prompts'] },
];

const entries = [...fileEntries, ...flagEntries];

/** Every reader put through the guarded loader in round 2 has an entry for each kind of mistake. */
const readerMistakes = (() => {
  const kinds: Record<string, string[]> = {
    'kube-manifests': ['alias-bomb', 'deep', 'latin1', 'wrong-shape', 'oversize'],
    'tools-suite': ['alias-bomb', 'deep', 'latin1', 'wrong-shape', 'oversize'],
    'gitops-release': ['deep', 'latin1', 'wrong-shape', 'oversize'],
    'gitops-evidence': ['deep', 'latin1', 'wrong-shape', 'oversize'],
    approval: ['deep', 'latin1', 'wrong-shape', 'oversize'],
    journal: ['deep', 'latin1', 'wrong-shape', 'oversize'],
    'journal-read-back': ['deep', 'latin1', 'wrong-shape'],
  };
  const ids = new Set(entries.map((entry) => entry.id));
  const cells = Object.entries(kinds).flatMap(([kind, mistakes]) => mistakes.map((mistake) => ({ kind, mistake })));
  const covered = cells.filter(({ kind, mistake }) =>
    [`${kind}: ${mistake}`, `${kind}: line-2-${mistake}`].some((id) => ids.has(id)),
  ).length;
  return { required: cells.length, covered };
})();
const errorLine = /^error\[(AGENT_CICD_[A-Z0-9_]+)\] \S/;

interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
  hung: boolean;
}

let dir = '';
const outcomes = new Map<string, Outcome>();

async function setUpProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'agent-cicd-malformed-'));
  const project = join(root, 'project');
  await mkdir(join(project, 'prompts'), { recursive: true });
  await writeFile(join(project, 'agent-cicd.config.yaml'), 'manifest: prompts/manifest.yaml\n');
  await writeFile(join(project, 'prompts/support.hbs'), 'You are a support agent.\n');
  await writeFile(
    join(project, 'prompts/manifest.yaml'),
    'prompts:\n  support:\n    currentVersion: v1\n    versions:\n      v1:\n        path: prompts/support.hbs\n',
  );
  await writeFile(join(project, 'ok.prompt.yaml'), 'name: ok\ncases:\n  - id: hello\n    user_input: hello\n');
  await writeFile(join(project, 'history.json'), '{"releases": []}\n');
  await writeFile(join(project, 'mock.yaml'), await readFile(join(repoRoot, 'fixtures/mock/weather-agent.mock.yaml')));
  await writeFile(join(project, 'k8s.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\n');
  await writeFile(join(root, 'outside-secret.txt'), 'secret\n');
  await writeFile(join(project, 'base.json'), await readFile(join(repoRoot, 'fixtures/reports/baseline.json')));
  await writeFile(
    join(project, 'release-ok.json'),
    JSON.stringify({
      id: 'r7',
      createdAt: '2026-01-01T00:00:00.000Z',
      image,
      prompt: { name: 'support', version: 'v1', hash: 'sha256:1' },
      model: { llmModel: 'gpt-4o' },
      tools: [],
    }),
  );
  // A real journal's header, so broken case lines after it are reached.
  dir = project;
  const header = await runInProcess({
    id: 'set-up: a journal',
    kind: 'set-up',
    args: ['run', 'ok.prompt.yaml', '--tier', 'dev', '--mock-script', 'mock.yaml', '--results', 'header.jsonl'],
  });
  if (header.hung || ![0, 1].includes(header.exitCode)) throw new Error(`set-up run failed: ${header.stderr}`);
  const journalHeader = (await readFile(join(project, 'header.jsonl'), 'utf8')).split('\n')[0] as string;
  for (const entry of fileEntries) {
    if (!entry.file) continue;
    const { name, content } = entry.file;
    await mkdir(dirname(join(project, name)), { recursive: true });
    if (typeof content === 'object' && 'sparseBytes' in content) {
      await writeFile(join(project, name), '');
      await truncate(join(project, name), content.sparseBytes);
    } else {
      await writeFile(join(project, name), typeof content === 'function' ? content({ journalHeader }) : content);
    }
  }
  return project;
}

const argsOf = (entry: Entry): string[] => entry.args.map((arg) => (arg === 'F' && entry.file ? entry.file.name : arg));

/** A library read, printed the way `main` prints an error (`error[CODE] file:line:col path: message`, exit 2). */
async function runLibrary(entry: Entry): Promise<Outcome> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), 20_000);
  });
  const outcome = await Promise.race([
    (entry.library as NonNullable<Entry['library']>)(dir, entry.file?.name ?? '').then(
      () => ({ exitCode: 0, stderr: '' }),
      (error: unknown) =>
        error instanceof AgentCicdError
          ? { exitCode: 2, stderr: `error[${error.code}] ${oneLine(formatUserError(error))}\n` }
          : { exitCode: 1, stderr: `${error instanceof Error ? error.stack : String(error)}\n` },
    ),
    hang,
  ]);
  clearTimeout(timer);
  if (outcome === 'hung') return { exitCode: -1, stdout: '', stderr: '', ms: Date.now() - started, hung: true };
  return { ...outcome, stdout: '', ms: Date.now() - started, hung: false };
}

async function runInProcess(entry: Entry): Promise<Outcome> {
  if (entry.library) return runLibrary(entry);
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    cwd: dir,
    env: { PATH: join(dir, 'no-bin') },
  };
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(-1), 20_000);
  });
  const exitCode = await Promise.race([main(argsOf(entry), io), hang]);
  clearTimeout(timer);
  return { exitCode, stdout, stderr, ms: Date.now() - started, hung: exitCode === -1 };
}

function problemsOf(entry: Entry, outcome: Outcome): string[] {
  const problems: string[] = [];
  const lines = outcome.stderr.split('\n').filter((line) => line !== '');
  if (outcome.hung) problems.push('hung');
  if (outcome.exitCode !== 2) problems.push(`exit ${outcome.exitCode}`);
  if (/^\s+at /m.test(`${outcome.stdout}${outcome.stderr}`)) problems.push('stack trace');
  const errorLines = lines.filter((line) => line.startsWith('error'));
  if (errorLines.length !== 1) problems.push(`${errorLines.length} error lines: ${JSON.stringify(lines.slice(0, 3))}`);
  const [line = ''] = errorLines;
  const code = errorLine.exec(line)?.[1];
  if (code === undefined) problems.push(`not an error[CODE] line: ${JSON.stringify(line)}`);
  else if (!codes.has(code)) problems.push(`uncatalogued code ${code}`);
  else if (entry.codes ? !entry.codes.includes(code) : code.startsWith('AGENT_CICD_COMMAND_'))
    problems.push(`code ${code}`);
  if (entry.located && entry.file && !line.includes(`${entry.file.name}:`)) problems.push(`not located: ${line}`);
  if (
    entry.located === true &&
    entry.file &&
    !new RegExp(`${entry.file.name.replace(/\./g, '\\.')}:\\d+:\\d+`).test(line)
  )
    problems.push(`no line:col: ${line}`);
  return problems;
}

describe('malformed inputs: one line error[CODE] file:line:col path: message, exit 2', () => {
  beforeAll(async () => {
    dir = await setUpProject();
    for (const entry of entries) outcomes.set(entry.id, await runInProcess(entry));
  }, 600_000);

  it('has at least 150 inputs across every file type and flag', () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))('%s', (_id, entry) => {
    const outcome = outcomes.get(entry.id) as Outcome;
    expect(problemsOf(entry, outcome)).toEqual([]);
  });

  it('library reads of cassettes, journals and history print the same one located line', async () => {
    const { readCassetteFile } = await import('@agent-cicd/core');
    const { createFileReleaseStore } = await import('@agent-cicd/deploy-gates/releases');
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['cassette-syntax.json', () => readCassetteFile(join(dir, 'bad-report-syntax.json'))],
      ['cassette-deep.json', () => readCassetteFile(join(dir, 'bad-report-deep.json'))],
      ['cassette-latin1.json', () => readCassetteFile(join(dir, 'bad-report-latin1.json'))],
      ['cassette-not-a-cassette', () => readCassetteFile(join(dir, 'base.json'))],
      ['history-syntax', () => createFileReleaseStore(join(dir, 'bad-history-syntax.json')).load()],
    ];
    for (const [id, run] of cases) {
      const line = await run().then(
        () => 'no error',
        (error: unknown) => `error[${(error as { code: string }).code}] ${oneLine(formatUserError(error as never))}`,
      );
      expect(line, id).toMatch(/^error\[AGENT_CICD_[A-Z0-9_]+\] \S+\.json(:\d+:\d+)?\S*( \S+)?: /);
    }
  });

  it('fails the same way through the spawned binary (a sample)', { timeout: 300_000 }, async () => {
    const sample = entries.filter((entry, i) => i % 15 === 0 && !entry.library);
    const runs = await Promise.all(
      sample.map((entry) => runCli(argsOf(entry), { cwd: dir, env: { PATH: join(dir, 'no-bin') } })),
    );
    sample.forEach((entry, i) => {
      const run = runs[i] as { exitCode: number; stdout: string; stderr: string };
      expect(problemsOf(entry, { ...run, ms: 0, hung: false }), entry.id).toEqual([]);
    });
  });

  afterAll(() => {
    const all = [...outcomes.entries()].map(([id, outcome]) => ({
      id,
      outcome,
      entry: entries.find((e) => e.id === id) as Entry,
    }));
    if (all.length === 0) return;
    if (process.env.DUMP_MALFORMED)
      for (const { id, outcome } of all) console.log(`${id} => ${outcome.exitCode} ${outcome.stderr.trim()}`);
    const passed = all.filter(({ entry, outcome }) => problemsOf(entry, outcome).length === 0).length;
    writeFaultFigures('malformed-inputs', [
      {
        id: 'malformed-inputs',
        description: 'malformed inputs tried (every file type and flag)',
        value: all.length,
        goal: { op: '>=', value: 150 },
      },
      {
        id: 'one-located-line-exit-2',
        description: 'inputs answered with one error[CODE] line and exit 2',
        value: passed,
        goal: { op: '==', value: all.length },
      },
      {
        id: 'guarded-reader-mistakes',
        description: `readers fixed in round 2 × mistake kinds covered (${readerMistakes.required} required: deep, Latin-1, wrong shape, oversize; alias bomb for YAML; the journal read-back's line limit is a unit test)`,
        value: readerMistakes.covered,
        goal: { op: '==', value: readerMistakes.required },
      },
      {
        id: 'file-types',
        description: 'file types covered',
        value: new Set(fileEntries.map((e) => e.kind)).size,
        goal: { op: '>=', value: 12 },
      },
      {
        id: 'stack-traces',
        description: 'outputs with a stack trace',
        value: all.filter(({ outcome }) => /^\s+at /m.test(outcome.stdout + outcome.stderr)).length,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'hangs',
        description: 'inputs that did not answer within 20 s',
        value: all.filter(({ outcome }) => outcome.hung).length,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'slowest-ms',
        description: 'slowest answer (ms, in-process)',
        value: Math.max(...all.map(({ outcome }) => outcome.ms)),
        goal: { op: '<=', value: 20_000 },
      },
    ]);
  });
});
