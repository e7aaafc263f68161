import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../run-pipeline.js';
import { toolIntegrationStage } from './tool-integration.js';

/** A project whose tools module has `lookup` (returns `result`) and `ping`. */
function project(result: string, suite: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-tools-'));
  writeFileSync(join(dir, 'agent-cicd.config.yaml'), 'tools:\n  module: tools.mjs\n');
  writeFileSync(
    join(dir, 'tools.mjs'),
    `export const tools = [
  { name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }, handler: () => (${result}) },
  { name: 'ping', parameters: { type: 'object' }, handler: () => 'pong' },
];\n`,
  );
  mkdirSync(join(dir, 'tools'));
  writeFileSync(join(dir, 'tools/app.tools.yaml'), suite);
  return dir;
}

const suite = `kind: tools
name: app
tools:
  - name: lookup
    samples: [{ id: a1 }]
    output: { type: object, required: [status], properties: { status: { enum: [ok] } } }
  - name: ping
    samples: [{}]
    output: { const: pong }
`;

const run = (cwd: string) =>
  runPipeline({ stages: [toolIntegrationStage], cwd, env: {} }).then((record) => record.stages[0]);

describe('tool_integration', () => {
  it('passes when every declared tool answers its samples within its output schema', async () => {
    const result = await run(project("{ status: 'ok' }", suite));
    expect(result).toMatchObject({ status: 'passed', details: { calls: 2 } });
  });

  it('fails on a result outside the output schema, a throw, bad sample arguments and a tool without samples', async () => {
    const bad = await run(project("{ status: 'lost' }", suite));
    expect(bad?.status).toBe('failed');
    expect(bad?.details.output).toContain(
      'tools/app.tools.yaml: lookup sample 1: result does not meet the output schema',
    );
    const throwing = await run(project("(() => { throw new Error('db down'); })()", suite));
    expect(throwing?.details.output).toContain('lookup sample 1: threw db down');
    const badArgs = await run(project("{ status: 'ok' }", suite.replace('[{ id: a1 }]', '[{ nope: 1 }]')));
    expect(badArgs?.details.output).toContain('lookup sample 1: arguments do not meet the parameter schema');
    const uncovered = await run(project("{ status: 'ok' }", suite.split('  - name: ping')[0] as string));
    expect(uncovered?.details.output).toBe('tool "ping" has no tools suite entry (samples and output schema)');
  });
});
