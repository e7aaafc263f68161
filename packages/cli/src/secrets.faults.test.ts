import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFaultFigures } from '../../../scripts/fault-figures.js';
import { runCli } from './test-utils/run-cli.js';

// Inside the repository, so the spawned CLI resolves `tsx` and the workspace packages.
const scratch = fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url));

/** Planted secrets: a provider key, a config `secrets:` variable in no known format, and bare key formats. */
const SECRETS = {
  OPENAI_API_KEY: 'sk-proj-PLANTEDopenaiKey0123456789',
  ANTHROPIC_API_KEY: 'sk-ant-api03-PLANTEDanthropicKey0123',
  SERVICE_TOKEN: 'tok.PLANTED.service.98765',
};
const FORMAT_ONLY = ['sk-live-PLANTEDformatOnly42', 'ghp_PLANTEDgithubToken0123456789'];
const PLANTED = [...Object.values(SECRETS), ...FORMAT_ONLY];

const agent = `
const s = process.env;
const all = [s.OPENAI_API_KEY, s.ANTHROPIC_API_KEY, s.SERVICE_TOKEN, ${FORMAT_ONLY.map((v) => JSON.stringify(v)).join(', ')}].join(' ');
export async function run(input, ctx) {
  switch (input.caseId) {
    case 'output':
      return 'Here are the keys: ' + all;
    case 'tool-arguments':
      await ctx.tools.call('lookup_order', { orderId: s.SERVICE_TOKEN, apiKey: s.OPENAI_API_KEY, note: all });
      await ctx.tools.call('no_such_tool', { token: s.SERVICE_TOKEN });
      return 'Looked it up.';
    case 'error':
      throw new Error('upstream 401 for Authorization: Bearer ' + s.SERVICE_TOKEN + ' and ' + all);
    case 'headers':
      return { response: 'echoed headers: ' + JSON.stringify({ authorization: 'Bearer ' + s.SERVICE_TOKEN, 'x-api-key': s.ANTHROPIC_API_KEY }),
        toolCalls: [{ name: 'lookup_order', arguments: { headers: { 'x-api-key': s.ANTHROPIC_API_KEY, cookie: s.SERVICE_TOKEN } } }],
        violations: [{ check: 'custom', message: 'saw ' + all, severity: 'failure' }] };
    case 'model-output': {
      const reply = await ctx.llm.complete({ messages: [{ role: 'user', content: 'echo ' + all }], metadata: ctx.metadata });
      return reply.text;
    }
    default:
      return 'ok';
  }
}
`;

async function project(): Promise<string> {
  await mkdir(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'agent-cicd-secrets-'));
  writeFileSync(join(dir, 'agent.mjs'), agent);
  writeFileSync(
    join(dir, 'agent-cicd.config.yaml'),
    'secrets: [SERVICE_TOKEN]\nmock:\n  script: model.mock.yaml\n  tools: tools.mock.yaml\n',
  );
  writeFileSync(
    join(dir, 'model.mock.yaml'),
    'rules:\n  - when: { user: "echo" }\n    respond: { text: "You said: {{input}}" }\n',
  );
  writeFileSync(
    join(dir, 'tools.mock.yaml'),
    'tools:\n  - name: lookup_order\n    parameters: { type: object }\n    responses:\n      - result: { status: shipped }\n',
  );
  const ids = ['output', 'tool-arguments', 'error', 'headers', 'model-output'];
  writeFileSync(
    join(dir, 'planted.suite.yaml'),
    `name: planted\ntarget: { module: ./agent.mjs }\ncases:\n${ids.map((id) => `  - id: ${id}\n    userInput: hi\n    forbiddenKeywords: [password]`).join('\n')}\n`,
  );
  return dir;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((path) => statSync(path).isFile());
}

describe('planted secrets never reach an artifact', () => {
  it('run, its journal, report, JUnit, HTML, comment and terminal output hold no planted secret', {
    timeout: 300_000,
  }, async () => {
    const dir = await project();
    const env = { ...SECRETS, AGENT_CICD_TIER: 'dev' };
    const outputs: string[] = [];
    const run = await runCli(
      [
        'run',
        'planted.suite.yaml',
        '--report',
        'out/report.json',
        '--junit',
        'out/junit.xml',
        '--html',
        'out/report.html',
      ],
      { cwd: dir, env },
    );
    outputs.push(run.stdout, run.stderr);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    const cases = report.suites[0].cases as Array<{ caseId: string; status: string; responsePreview: string }>;
    expect(cases.map((c) => c.caseId).sort()).toEqual(['error', 'headers', 'model-output', 'output', 'tool-arguments']);
    for (const extra of [
      ['report', 'comment', 'out/report.json', '-o', 'out/comment.md'],
      ['report', 'show', 'out/report.json'],
      ['report', 'junit', 'out/report.json', '-o', 'out/junit-again.xml'],
    ]) {
      const result = await runCli(extra, { cwd: dir, env });
      outputs.push(result.stdout, result.stderr);
    }
    writeFileSync(join(dir, 'out/terminal.txt'), outputs.join('\n'));

    // The secrets did travel: every case shows a redaction where they were.
    const reportText = readFileSync(join(dir, 'out/report.json'), 'utf8');
    const redactions = reportText.split('[REDACTED]').length - 1;
    expect(redactions).toBeGreaterThan(10);

    const artifacts = files(join(dir, 'out'));
    const found: string[] = [];
    for (const file of artifacts) {
      const text = readFileSync(file, 'utf8');
      for (const secret of PLANTED) {
        const count = text.split(secret).length - 1;
        for (let i = 0; i < count; i++) found.push(`${file}: ${secret}`);
      }
    }
    writeFaultFigures('secrets', [
      {
        id: 'planted-secrets-found',
        description: `copies of ${PLANTED.length} planted secrets (model output, tool arguments, errors, headers) in any artifact`,
        value: found.length,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'artifacts-checked',
        description: 'files checked: journal, report, JUnit, HTML, comment, terminal output',
        value: artifacts.length,
        goal: { op: '>=', value: 6 },
      },
      {
        id: 'redactions-in-report',
        description: '[REDACTED] marks in report.json (the planted secrets reached the runner)',
        value: redactions,
        goal: { op: '>=', value: 10 },
      },
    ]);
    expect(found).toEqual([]);
  });
});
