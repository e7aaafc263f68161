import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunReportSchema } from '../schema/report.js';
import { initProject } from './init-project.js';

const fresh = () => mkdtemp(join(tmpdir(), 'init-project-'));

describe('initProject', () => {
  it('writes the project with a passing baseline recorded on the mock LLM, and leaves no staging dir', async () => {
    const dir = await fresh();
    const result = await initProject({ dir, version: '1.2.3', name: 'My Agent' });
    expect(result.files).toContain('baseline/report.json');
    expect((await readdir(dir)).filter((name) => name.startsWith('.agent-cicd-init-'))).toEqual([]);
    const report = RunReportSchema.parse(JSON.parse(await readFile(join(dir, 'baseline/report.json'), 'utf8')));
    expect(report.suites.map((suite) => [suite.name, suite.passed])).toEqual([['assistant', true]]);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('my-agent');
    expect(manifest.devDependencies['@agent-cicd/cli']).toBe('^1.2.3');
  }, 60_000);

  it('refuses when any planned file exists, writing nothing (dry run or not)', async () => {
    const dir = await fresh();
    await writeFile(join(dir, 'gates.yaml'), 'mine\n');
    for (const dryRun of [true, false]) {
      await expect(initProject({ dir, version: '1.0.0', dryRun })).rejects.toMatchObject({
        code: 'AGENT_CICD_INIT_FILE_EXISTS',
        location: { file: join(dir, 'gates.yaml') },
      });
    }
    expect(await readdir(dir)).toEqual(['gates.yaml']);
    expect(await readFile(join(dir, 'gates.yaml'), 'utf8')).toBe('mine\n');
  });

  it('keeps an existing package.json and .gitignore, and a dry run writes nothing', async () => {
    const dir = await fresh();
    await writeFile(join(dir, 'package.json'), '{}\n');
    const plan = await initProject({ dir, version: '1.0.0', dryRun: true });
    expect(plan.files).not.toContain('package.json');
    expect(plan.files).toContain('.gitignore');
    expect(await readdir(dir)).toEqual(['package.json']);
    expect(plan.notes).toEqual([
      expect.stringMatching(/^package\.json has no "test" script .*skips its unit_test stage/),
    ]);
  });

  it("notes npm's placeholder test script (and leaves package.json alone); a real test script needs no note", async () => {
    const dir = await fresh();
    const placeholder = '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}\n';
    await writeFile(join(dir, 'package.json'), placeholder);
    expect((await initProject({ dir, version: '1.0.0', dryRun: true })).notes).toHaveLength(1);
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toBe(placeholder);
    await writeFile(join(dir, 'package.json'), '{"scripts":{"test":"vitest run"}}\n');
    expect((await initProject({ dir, version: '1.0.0', dryRun: true })).notes).toEqual([]);
    expect((await initProject({ dir: await fresh(), version: '1.0.0', dryRun: true })).notes).toEqual([]);
  });
});
