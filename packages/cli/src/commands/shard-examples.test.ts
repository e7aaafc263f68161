import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const example = fileURLToPath(new URL('../../../../examples/support-agent/', import.meta.url));
const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));

function sh(script: string, options: { cwd: string; env: Record<string, string> }) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd: options.cwd, env: { ...process.env, ...options.env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the sharded-run examples (GitHub Actions matrix, Kubernetes Indexed Job)', () => {
  let dir: string;
  let project: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-cicd-shard-examples-'));
    project = join(dir, 'project');
    await cp(example, project, {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|\.agent-cicd)$/.test(source),
    });
    // `npx agent-cicd …` as the examples write it, served by the CLI from source.
    const shims = join(dir, 'bin');
    await mkdir(shims);
    await writeFile(
      join(shims, 'npx'),
      `#!/bin/sh\n[ "$1" = agent-cicd ] || exit 127\nshift\nexec "${process.execPath}" --conditions=@agent-cicd/source --import "${require.resolve('tsx')}" "${bin}" "$@"\n`,
    );
    await chmod(join(shims, 'npx'), 0o755);
    env = { PATH: `${shims}:${process.env.PATH}`, NO_COLOR: '1' };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the Indexed Job: valid Kubernetes objects, one completion per shard, each index runs its shard, the merge Job gates', async () => {
    const documents = parseAllDocuments(await readFile(join(example, 'eval-jobs/sharded-eval-job.yaml'), 'utf8')).map(
      (d) => d.toJSON() as { kind: string; metadata: { name: string } },
    );
    expect(documents.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'Job', 'Job']);
    new PersistentVolumeClaim(documents[0] as never).validate();
    const [shards, merge] = [new Job(documents[1] as never), new Job(documents[2] as never)];
    shards.validate();
    merge.validate();
    expect(shards.spec?.completionMode).toBe('Indexed');
    const script = shards.spec?.template.spec?.containers[0]?.args?.[0] ?? '';
    const count = Number(/--shard "\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\/(\d+)"/.exec(script)?.[1]);
    expect(shards.spec?.completions).toBe(count);
    expect(shards.spec?.parallelism).toBe(count);

    // Run each completion index's command (on the dev tier, results in a local folder), then the merge Job's.
    const results = join(dir, 'results');
    await mkdir(results);
    const local = (text: string): string =>
      text.replaceAll('/results', results).replace('--tier staging', '--tier dev');
    for (let index = 0; index < count; index++) {
      const run = await sh(local(script), { cwd: project, env: { ...env, JOB_COMPLETION_INDEX: String(index) } });
      expect(run.code, run.output).toBe(0);
      const report = JSON.parse(await readFile(join(results, `report.shard-${index + 1}.json`), 'utf8'));
      expect(report.subject.shard).toBe(`${index + 1}/${count}`);
    }
    const gate = await sh(local(merge.spec?.template.spec?.containers[0]?.args?.[0] ?? ''), { cwd: project, env });
    expect(gate.output).toMatch(new RegExp(`merged ${count} reports`));
    expect(gate.output).toMatch(/PROMOTE/);
    expect(gate.code, gate.output).toBe(0);
  });

  it('the GitHub Actions matrix: one job per shard, the merge job needs them and gates the merged report', async () => {
    const workflow = parse(await readFile(join(example, '.github/workflows/sharded-eval.yml'), 'utf8')) as {
      jobs: Record<
        string,
        { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Array<{ run?: string }> }
      >;
    };
    const shards = workflow.jobs.shard?.strategy?.matrix.shard ?? [];
    const run = workflow.jobs.shard?.steps.find((s) => s.run?.includes('--shard'))?.run ?? '';
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(workflow.jobs['merge-and-gate']?.needs).toBe('shard');
    const mergeSteps = (workflow.jobs['merge-and-gate']?.steps ?? []).flatMap((s) =>
      s.run?.includes('agent-cicd') ? [s.run] : [],
    );
    expect(mergeSteps).toHaveLength(2);
    // The steps' own commands, run here: shard 1 (the other shards' reports are the Job test's, the same
    // partition), then merge and gate.
    await mkdir(join(project, '.agent-cicd'), { recursive: true });
    for (const shard of shards) {
      await cp(
        join(dir, 'results', `report.shard-${shard}.json`),
        join(project, `.agent-cicd/report.shard-${shard}.json`),
      );
    }
    const step = await sh(run.replaceAll('${{ matrix.shard }}', '1'), { cwd: project, env });
    expect(step.code, step.output).toBe(0);
    for (const step of mergeSteps) {
      const result = await sh(step, { cwd: project, env });
      expect(result.code, result.output).toBe(0);
    }
  });
});
