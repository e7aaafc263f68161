import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSource } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { runCli } from './test-utils/run-cli.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const index = `${repoRoot}fixtures/invalid/expected.yaml`;
const corpus = (
  parseSource(readFileSync(index, 'utf8'), index).value as {
    file: string;
    what: string;
    args?: string[];
    error: string;
  }[]
).map((entry) => ({ ...entry, args: entry.args ?? ['lint', `fixtures/invalid/${entry.file}`] }));

/** Output lines that name a fixture with a line and column. */
const locatedLines = (output: string): string[] =>
  output.split('\n').filter((line) => /^fixtures\/invalid\/\S+:\d+:\d+/.test(line));

describe('fixtures/invalid: every malformed file fails with its one-line error', () => {
  it('has at least 15 entries', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
  });

  it.each(corpus)('$file: $what', async ({ args, error }) => {
    let output = '';
    const write = (text: string): void => {
      output += text;
    };
    const exitCode = await main(args, { stdout: write, stderr: write, cwd: repoRoot, env: {} });
    expect(exitCode).not.toBe(0);
    expect(output).not.toMatch(/^\s+at /m);
    expect(locatedLines(output)).toEqual([error]);
  });

  // The same through the real binary (spawned, from source): one process for all lint fixtures, one per other command.
  it('fails the same way through the spawned CLI', { timeout: 180_000 }, async () => {
    const lint = corpus.filter((entry) => entry.args[0] === 'lint');
    const others = corpus.filter((entry) => entry.args[0] !== 'lint');
    const runs = [
      {
        run: await runCli(['lint', ...lint.map((entry) => entry.args[1] as string)], { cwd: repoRoot }),
        expected: lint,
      },
      ...(await Promise.all(
        others.map(async (entry) => ({ run: await runCli(entry.args, { cwd: repoRoot }), expected: [entry] })),
      )),
    ];
    for (const { run, expected } of runs) {
      expect(run.exitCode).toBe(1);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(locatedLines(`${run.stdout}${run.stderr}`).sort()).toEqual(expected.map((entry) => entry.error).sort());
    }
  });
});
