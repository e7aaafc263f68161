import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../test-utils/run-cli.js';

const example = fileURLToPath(new URL('../../../../examples/support-agent/', import.meta.url));

describe('run --matrix --select-best on the example', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-cicd-select-best-'));
    // The example's mock script, plus a grader that prefers an answer which gives the looked-up facts.
    const script = parse(await readFile(join(example, 'mocks/agent.mock.yaml'), 'utf8')) as { rules: unknown[] };
    const choice = (best: number, reason: string) => ({
      respond: { toolCalls: [{ name: 'submit_choice', arguments: { best, reason } }] },
    });
    script.rules.unshift(
      ...[0, 1, 2, 3].map((i) => ({
        when: { promptVersion: 'check-selectBest@v1', user: `/<candidate index="${i}">[^<]*(shipped|30 days|ticket)/` },
        ...choice(i, 'gives the looked-up facts'),
      })),
      { when: { promptVersion: 'check-selectBest@v1' }, respond: 'They are all fine.' },
    );
    await writeFile(join(dir, 'grader.mock.yaml'), stringify(script));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the best cell per trial with an interval, and counts trials without a valid choice apart', async () => {
    const run = await runCli(
      [
        'run',
        'tests',
        '--matrix',
        '--select-best',
        '--seed',
        '1',
        '--mock-script',
        join(dir, 'grader.mock.yaml'),
        '--report',
        join(dir, 'm.json'),
      ],
      { cwd: example },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^select-best over \d+ trials every cell ran/m);
    const wins = [...run.stdout.matchAll(/^ {2}(\S+): best in (\d+)\/(\d+) \(/gm)].map((m) => [
      m[1],
      Number(m[2]),
      Number(m[3]),
    ]);
    expect(wins.map((w) => w[0])).toHaveLength(4);
    const decided = Number(wins[0]?.[2]);
    expect(wins.reduce((sum, w) => sum + Number(w[1]), 0)).toBe(decided);
  });

  it('refuses --select-best without a matrix run, before running anything', async () => {
    const run = await runCli(['run', 'tests', '--select-best', '--report', join(dir, 'x.json')], { cwd: example });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^error\[AGENT_CICD_USAGE\] .*--select-best needs a matrix run/m);
  });
});
