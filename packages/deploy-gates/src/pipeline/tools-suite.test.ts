import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentCicdError, formatUserError } from '@agent-cicd/core/errors';
import { describe, expect, it } from 'vitest';
import { loadToolsSuites } from './tools-suite.js';

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'agent-cicd-tools-suite-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), content);
  }
  return root;
}

async function failureLine(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => new Error('expected an error'),
    (e: unknown) => e,
  );
  if (!(error instanceof AgentCicdError)) throw error;
  return `${error.code} ${formatUserError(error)}`;
}

const ok = 'kind: tools\nname: t\ntools:\n  - name: lookup\n    output: {type: object}\n    samples: [{id: 1}]\n';

describe('loadToolsSuites (through core guarded loader)', () => {
  it('loads every *.tools.yaml under the directory, sorted', async () => {
    const root = await project({ 'tools/b.tools.yaml': ok, 'tools/a/a.tools.yml': ok, 'tools/x.yaml': 'nope' });
    expect((await loadToolsSuites(root, 'tools')).map((s) => s.file)).toEqual([
      join('tools', 'a', 'a.tools.yml'),
      join('tools', 'b.tools.yaml'),
    ]);
  });

  it('locates schema errors at file:line:col path and refuses alias bombs and deep nesting', async () => {
    const shape = await project({ 'tools/t.tools.yaml': ok.replace('samples: [{id: 1}]', 'samples: []') });
    expect(await failureLine(loadToolsSuites(shape, 'tools'))).toBe(
      'AGENT_CICD_SUITE_INVALID tools/t.tools.yaml:6:14 tools[0].samples: expected array to have >=1 items',
    );
    const bomb = await project({
      'tools/t.tools.yaml': `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill('*a').join(', ')}]\nc: &c [${Array(10).fill('*b').join(', ')}]\nd: [${Array(10).fill('*c').join(', ')}]\n`,
    });
    expect(await failureLine(loadToolsSuites(bomb, 'tools'))).toMatch(
      /^AGENT_CICD_PARSE_ERROR tools\/t\.tools\.yaml:2:8: YAML syntax error: aliases expand/,
    );
    const deep = await project({ 'tools/t.tools.yaml': `${'['.repeat(300)}${']'.repeat(300)}` });
    expect(await failureLine(loadToolsSuites(deep, 'tools'))).toBe(
      'AGENT_CICD_PARSE_ERROR tools/t.tools.yaml:1:257: YAML syntax error: nesting deeper than 256 levels',
    );
  });
});
