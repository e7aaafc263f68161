// Prints the one closing line CI reads, from Vitest's JSON report plus any extra result files
// (`{ passed, failed }`, e.g. the consumer harness's scenario counts): node ci-summary.mjs vitest.json [extra.json ...]
import { readFileSync } from 'node:fs';

const [file, ...extras] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  skipped = report.numPendingTests + report.numTodoTests;
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
} catch {
  failed += 1;
}
for (const extra of extras) {
  try {
    const counts = JSON.parse(readFileSync(extra, 'utf8'));
    if (!Number.isInteger(counts.passed) || !Number.isInteger(counts.failed)) throw new Error('no counts');
    passed += counts.passed;
    failed += counts.failed;
  } catch {
    failed += 1; // a harness that wrote no counts did not pass
  }
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0) process.exitCode = 1;
