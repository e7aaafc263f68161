import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../test-utils/chromium.js';
import { runCli } from '../test-utils/run-cli.js';

declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };

const example = fileURLToPath(new URL('../../../../examples/support-agent/', import.meta.url));
const CELLS = [
  'model=mock-large,prompt=v1',
  'model=mock-large,prompt=v2',
  'model=mock-small,prompt=v1',
  'model=mock-small,prompt=v2',
];

describe('run --matrix on the example: two prompt versions × two mock models', () => {
  let dir: string;
  let run: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-cicd-matrix-'));
    run = await runCli(
      [
        'run',
        'tests',
        '--matrix',
        '--seed',
        '1',
        '--report',
        join(dir, 'matrix.json'),
        '--html',
        join(dir, 'matrix.html'),
      ],
      { cwd: example },
    );
  });

  it('prints each cell and the comparison table with paired differences and the best-cell line', () => {
    expect(run.exitCode).toBe(0);
    for (const [i, cell] of CELLS.entries()) {
      expect(run.stdout).toContain(`cell ${cell}: `);
      expect(run.stdout).toMatch(
        new RegExp(`^★?#${i + 1} +${cell.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\d+\\.\\d%`, 'm'),
      );
    }
    expect(run.stdout).toMatch(/^B − A +Difference \(pts\) +95% CI +Pairs +B only +A only +p \(McNemar\)$/m);
    expect(run.stdout.match(/^#\d − #\d /gm)).toHaveLength(6);
    // mock-small answers return questions from memory, so prompt v2 on mock-large is best.
    expect(run.stdout).toMatch(/^Best cell: model=mock-large,prompt=v2 \(pass rate 100\.0%\)/m);
    expect(run.stderr).toMatch(/cell 4\/4 model=mock-small,prompt=v2/);
  });

  it('writes one schemaVersion 2 report holding all four cells, every case in every cell', async () => {
    const report = JSON.parse(await readFile(join(dir, 'matrix.json'), 'utf8'));
    expect(report.schemaVersion).toBe(2);
    expect(report.matrix.cells.map((cell: { id: string }) => cell.id)).toEqual(CELLS);
    const caseIds = report.matrix.cells.map((cell: { suites: Array<{ cases: Array<{ caseId: string }> }> }) =>
      cell.suites.flatMap((suite) => suite.cases.map((c) => c.caseId)).join(','),
    );
    expect(new Set(caseIds).size).toBe(1);
  });

  it('the gate compares any two cells of it', async () => {
    const file = join(dir, 'matrix.json');
    const gate = await runCli(
      [
        'gate',
        '--baseline',
        file,
        '--baseline-cell',
        CELLS[0] as string,
        '--candidate-cell',
        CELLS[1] as string,
        '--json',
      ],
      { cwd: example },
    );
    expect([0, 1, 3]).toContain(gate.exitCode);
    const decision = JSON.parse(gate.stdout);
    expect(decision.comparison).toBe('paired');
    const noCell = await runCli(['gate', '--baseline', file, '--candidate', file], { cwd: example });
    expect(noCell.exitCode).toBe(2);
    expect(noCell.stderr).toMatch(
      /^error\[AGENT_CICD_USAGE\] .*is a matrix report: choose a cell with --baseline-cell/,
    );
  });

  describe.skipIf(!chromiumAvailable())('its HTML report in headless chromium', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows all four cells: the comparison, the chart, and a cell filter over the cases', async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(pathToFileURL(join(dir, 'matrix.html')).href);
      await page.waitForSelector('body[data-ready="true"]');
      const matrix = await page.textContent('#matrix');
      for (const cell of CELLS) expect(matrix).toContain(cell);
      expect(matrix).toMatch(/Best cell: model=mock-large,prompt=v2/);
      expect(await page.locator('#suites svg .bar').count()).toBe(4);
      expect(await page.getAttribute('#count', 'data-visible')).toBe('16');
      await page.selectOption('#cell-filter', CELLS[2] as string);
      await page.waitForFunction(() => document.querySelector('#count')?.getAttribute('data-visible') === '4');
      expect(problems).toEqual([]);
    });
  });
});
