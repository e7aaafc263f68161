import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

describe('the reporter writes the HTML report and JUnit XML when asked', { timeout: 180_000 }, () => {
  it('htmlFile and junitFile: a self-contained page with the failed case, and JUnit with its failure', async () => {
    const run = await runFixture('above-threshold', {
      plugin: { htmlFile: '.agent-cicd/report.html', junitFile: '.agent-cicd/junit.xml' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('HTML report: .agent-cicd/report.html');
    expect(run.stdout).toContain('JUnit report: .agent-cicd/junit.xml');
    const html = await readFile(join(run.root, '.agent-cicd/report.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    );
    expect(data.cases.map((c: { id: string; status: string }) => [c.id, c.status])[0]).toEqual(['weather', 'failed']);
    const junit = await readFile(join(run.root, '.agent-cicd/junit.xml'), 'utf8');
    expect(junit).toMatch(
      /<testcase classname="support" name="weather" time="[\d.]+">\n\s+<failure message="keyword: the response does not contain keyword &quot;forecast&quot;"/,
    );
  });
});
