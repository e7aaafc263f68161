import type { CaseResult, RunReport } from '../schema/report.js';
import { reportCells } from './report-cells.js';

// Characters XML 1.0 does not allow, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for an XML attribute or element. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const seconds = (msValue: number): string => (msValue / 1000).toFixed(3);

function details(result: CaseResult): string {
  const lines = result.violations.map((violation) => `${violation.severity} ${violation.check}: ${violation.message}`);
  const passed = result.trials.filter((trial) => trial.status === 'passed').length;
  lines.push(`trials passed: ${passed}/${result.trials.length}`);
  if (result.skippedChecks?.length) lines.push(`unrun (judge skipped): ${result.skippedChecks.join(', ')}`);
  lines.push(`tools: ${result.toolsCalled.join(', ') || '(none)'}`);
  lines.push(`response: ${result.responsePreview}`);
  return lines.join('\n');
}

function testCase(classname: string, result: CaseResult): string {
  const time = seconds(result.trials.reduce((sum, trial) => sum + trial.latencyMs, 0));
  const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(result.caseId)}" time="${time}"`;
  if (result.status === 'passed') return `${open}/>`;
  if (result.status === 'skipped') {
    const unrun = result.skippedChecks?.length ? ` (unrun: ${result.skippedChecks.join(', ')})` : '';
    return [
      `${open}>`,
      `      <skipped message="${escapeXml(`${result.skipReason ?? 'not evaluated'}${unrun}`)}"/>`,
      '    </testcase>',
    ].join('\n');
  }
  const tag = result.status === 'error' ? 'error' : 'failure';
  const first = result.violations[0];
  const message = first ? `${first.check}: ${first.message}` : `case ${result.status}`;
  return [
    `${open}>`,
    `      <${tag} message="${escapeXml(message)}" type="${escapeXml(first?.check ?? result.status)}">${escapeXml(details(result))}</${tag}>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * JUnit XML (the common Surefire/Jenkins dialect read by GitHub, GitLab, Jenkins, CircleCI, Azure): one
 * `<testsuite>` per suite (per cell, for matrix runs; the suite name then carries the cell id), one `<testcase>`
 * per case, `<failure>` for a failed case and `<error>` for one that could not be checked, with every violation,
 * the tools called and the response in the body; `<skipped message=…/>` for a case not evaluated (`--no-judge`).
 */
export function renderJunit(report: RunReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const cell of reportCells(report)) {
    for (const suite of cell.suites) {
      const name = cell.id ? `${suite.name} [${cell.id}]` : suite.name;
      const suiteFailures = suite.cases.filter((result) => result.status === 'failed').length;
      const suiteErrors = suite.cases.filter((result) => result.status === 'error').length;
      const suiteSkipped = suite.cases.filter((result) => result.status === 'skipped').length;
      const time = suite.cases.reduce((sum, result) => sum + result.trials.reduce((s, t) => s + t.latencyMs, 0), 0);
      tests += suite.cases.length;
      failures += suiteFailures;
      errors += suiteErrors;
      skipped += suiteSkipped;
      suites.push(
        [
          `  <testsuite name="${escapeXml(name)}" tests="${suite.cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}" time="${seconds(time)}" timestamp="${escapeXml(report.createdAt)}"${suite.file ? ` file="${escapeXml(suite.file)}"` : ''}>`,
          `    <properties><property name="passRate" value="${suite.passRate}"/>${suite.threshold === undefined ? '' : `<property name="threshold" value="${suite.threshold}"/>`}<property name="meetsThreshold" value="${suite.passed}"/></properties>`,
          ...suite.cases.map((result) => testCase(name, result)),
          '  </testsuite>',
        ].join('\n'),
      );
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="agent-cicd ${escapeXml(report.runId)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.totals.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
