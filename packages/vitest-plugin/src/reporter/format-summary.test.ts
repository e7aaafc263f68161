import { describe, expect, it } from 'vitest';
import { makeCase, makeReport } from '../test-utils/make-report.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSummary } from './format-summary.js';
import { gateVerdict } from './gate-verdict.js';

const report = makeReport([
  {
    name: 'support',
    threshold: 0.6,
    cases: [makeCase('refund', ['passed', 'failed', 'passed']), makeCase('greet', ['passed', 'passed', 'passed'])],
  },
  { name: 'tone', cases: [makeCase('polite', ['error'])] },
]);
const verdict = gateVerdict({ report, otherFailures: [], unhandledErrors: 0, interrupted: false, failOnError: true });

describe('formatSummary', () => {
  it('prints each suite with its pass rate, interval and threshold, the cases that did not pass, and the verdict', () => {
    expect(formatSummary(report, verdict, '.agent-cicd/report.json')).toMatchInlineSnapshot(`
      "
      agent-cicd · tier dev · 2 suite(s) · report .agent-cicd/report.json
       ✓ support  prompts/support.prompt.yaml
         cases 1/2 passed · pass rate 83.3% over 6 trials [95% CI 43.6%–97.0%] · threshold 60.0%
         ✗ refund (2/3 trials, pass^3 0.00) — trial 2 of 3: expected tool "lookup_order" was not called
         tokens 600 in / 120 out · cost $0.0000 · latency p50 60 ms, p95 70 ms
       ✗ tone  prompts/tone.prompt.yaml
         cases 0/1 passed, 1 errored · pass rate 0.0% over 1 trials [95% CI 0.0%–79.3%] · no threshold
         ! polite — the model call failed: rate limited
         tokens 100 in / 20 out · cost $0.0000 · latency p50 50 ms, p95 50 ms
      gate FAILED: suite tone: 1 of 1 cases did not pass; suite tone: 1 case(s) errored (polite)
      "
    `);
  });
});

describe('formatMarkdown', () => {
  it('renders a table per run and lists the cases that did not pass', () => {
    expect(formatMarkdown(report, verdict)).toMatchInlineSnapshot(`
      "## agent-cicd: ❌ gate failed

      | suite | cases passed | pass rate | 95% interval | threshold | tokens | cost |
      | --- | --- | --- | --- | --- | --- | --- |
      | ✅ support | 1/2 | 83.3% | 43.6%–97.0% | 60.0% | 720 | $0.0000 |
      | ❌ tone | 0/1 | 0.0% | 0.0%–79.3% | — | 120 | $0.0000 |

      ### Cases that did not pass

      - **support › refund** (failed): trial 2 of 3: expected tool "lookup_order" was not called
      - **tone › polite** (error): the model call failed: rate limited

      ### Why the gate failed

      - suite tone: 1 of 1 cases did not pass
      - suite tone: 1 case(s) errored (polite)
      "
    `);
  });
});
