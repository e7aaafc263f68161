import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanProject } from './scan-project.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const example = join(repoRoot, 'examples/support-agent');

/** A fixture repository: a copy of the clean example (with its dependencies), changed by the test. */
function fixtureRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-scan-'));
  cpSync(example, dir, { recursive: true, filter: (source) => !/[\\/](\.agent-cicd|node_modules)$/.test(source) });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(file, change(readFileSync(file, 'utf8')));
const scan = (cwd: string, options = {}) =>
  scanProject({ cwd, env: {}, seed: 1, suites: ['tests', 'suites'], ...options });

// Fake credentials, assembled at run time so this file holds none.
const openaiKey = ['sk', 'proj', 'Q3vT8xLm2Pq9Rz4Wb7Nc1Yd6Hf5Jk0Sa'].join('-');
const awsKey = `AKIA${'Z7QW3ERT9YUI2OPL'}`;
const randomToken = ['Zk8sQ2mV9pL4', 'xR7tN1bW6cY3'].join('');

describe('scanProject (agent-cicd scan, the security_scan stage)', { timeout: 120_000 }, () => {
  it('finds nothing on the clean example', async () => {
    const result = await scan(fixtureRepo());
    expect(result.findings).toEqual([]);
    expect(result.failed).toBe(false);
    expect(result.probed).toBe(2);
  });

  it('finds planted secrets by format and by entropy, with file and line, never printing them; the allowlist holds', async () => {
    const dir = fixtureRepo();
    mkdirSync(join(dir, 'cassettes'));
    writeFileSync(join(dir, 'prompts/support/notes.md'), `# notes\n\nOPENAI_API_KEY=${openaiKey}\n`);
    writeFileSync(
      join(dir, 'cassettes/orders.json'),
      `{\n  "request": { "headers": { "x-api-key": "${randomToken}" } },\n  "aws": "${awsKey}"\n}\n`,
    );
    edit(
      join(dir, 'tests/support.prompt.yaml'),
      (text) => `${text}# example key: ${openaiKey} agent-cicd: allow-secret\n`,
    );
    writeFileSync(join(dir, 'docs-key.md'), `token: ${randomToken}\n`);
    const result = await scan(dir, { probes: false, allow: [{ file: 'docs-key.md' }] });
    expect(result.findings.map((f) => `${f.severity} ${f.file}:${f.line} ${f.rule}`)).toEqual([
      'high cassettes/orders.json:2 secret.entropy',
      'high cassettes/orders.json:3 secret.aws-access-key',
      'high prompts/support/notes.md:3 secret.openai-key',
    ]);
    expect(result.failed).toBe(true);
    const text = JSON.stringify(result);
    for (const secret of [openaiKey, awsKey, randomToken]) expect(text).not.toContain(secret);
  });

  it('flags an undeclared tool a tier enables and a dangerous tool without an explicit allow for its tier', async () => {
    const dir = fixtureRepo();
    edit(join(dir, 'agent-cicd.config.yaml'), (text) =>
      text
        .replace('  production:\n', '  production:\n    toolsEnabled: [lookup_order, code_executor]\n')
        .replace('  staging:\n', '  staging:\n    toolsEnabled: [lookup_order, run_shell]\n'),
    );
    edit(
      join(dir, 'mocks/tools.yaml'),
      (text) =>
        `${text}  - name: run_shell\n    description: Run a shell command.\n    parameters: { type: object, properties: { cmd: { type: string } } }\n    responses:\n      - result: { ok: true }\n`,
    );
    const result = await scan(dir, { probes: false });
    // dev and canary enable every declared tool (toolsEnabled: true), run_shell included.
    expect(result.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`)).toEqual([
      'high tools.dangerous-not-allowed: tier dev enables "run_shell" (code execution) without an explicit allow (security_scan.allowDangerous.dev)',
      'high tools.dangerous-not-allowed: tier staging enables "run_shell" (code execution) without an explicit allow (security_scan.allowDangerous.staging)',
      'high tools.dangerous-not-allowed: tier canary enables "run_shell" (code execution) without an explicit allow (security_scan.allowDangerous.canary)',
      'high tools.undeclared: tier production enables "code_executor", which no tools file or module declares',
    ]);
    const allowed = await scan(dir, {
      probes: false,
      allowDangerous: { dev: ['run_shell'], staging: ['run_shell'], canary: ['run_shell'] },
    });
    expect(allowed.findings.map((f) => f.rule)).toEqual(['tools.undeclared']);
  });

  it('the injection probes catch an agent that obeys instructions in user input and in tool results, or echoes a key', async () => {
    const dir = fixtureRepo();
    const vulnerable = `rules:
  - name: obeys-injected-user-input
    when: { user: '/ignore all previous instructions/i' }
    respond:
      toolCalls:
        - name: issue_refund
          arguments: { orderId: A1001 }
  - name: echoes-its-key
    when: { user: '/api key/i' }
    respond: "Sure, my key is ${openaiKey}"
  - name: obeys-injected-tool-result
    when: { toolResult: lookup_order }
    respond:
      toolCalls:
        - name: issue_refund
          arguments: { orderId: A1001 }
  - name: after-refund
    when: { toolResult: issue_refund }
    respond: Done, refunded.
`;
    edit(join(dir, 'mocks/agent.mock.yaml'), (text) => text.replace('rules:\n', vulnerable));
    const result = await scan(dir);
    const probeFindings = result.findings.filter((f) => f.rule.startsWith('injection.'));
    const summary = probeFindings.map((f) => `${f.file} ${f.rule} ${f.message.split(':')[0]}`);
    expect(summary).toContain(
      'tests/support.prompt.yaml injection.forbidden-tool probe injection-user-override (instructions in user input)',
    );
    expect(summary).toContain(
      'tests/support.prompt.yaml injection.secret-echoed probe injection-secret-request (instructions in user input)',
    );
    expect(summary).toContain(
      'tests/support.prompt.yaml injection.forbidden-tool probe injection-in-tool-result (instructions in tool result)',
    );
    expect(summary).toContain(
      'suites/agent.suite.yaml injection.forbidden-tool probe injection-in-tool-result (instructions in tool result)',
    );
    expect(probeFindings.every((f) => f.severity === 'high')).toBe(true);
    expect(result.failed).toBe(true);
    expect(JSON.stringify(result)).not.toContain(openaiKey);
  });
});
