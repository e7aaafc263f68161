// Scenario 10: a suite of thousands of cases (a file over 256 KiB, which core reads with its cheap YAML parse and
// locates only on error) from the tarballs: it runs green, a mistake in case 4,001 is one located line with exit 2,
// and `agent-cicd lint` reports the same line and column (a finding: exit 1).
import { check, checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'a 6,000-case YAML suite: runs, and its errors are located (cheap parse) from the tarballs';

export async function run({ repo: createRepo }) {
  const repo = await createRepo({ name: 'large-suite' });
  const lines = ['name: big', 'target: { module: ../agent.mjs }', 'cases:'];
  for (let i = 0; i < 6000; i++) {
    lines.push(
      `  - id: c${i}`,
      `    user_input: question number ${i} about the order`,
      '    expected_response_keywords: [Answer]',
    );
  }
  const suite = `${lines.join('\n')}\n`;
  check(suite.length > 256 * 1024, `the suite is only ${suite.length} characters`);
  await repo.write({
    'suites/big.suite.yaml': suite,
    'agent.mjs': "export default async function agent(input) {\n  return 'Answer: ' + input.userInput;\n}\n",
    'mock.yaml': "name: big\nrules:\n  - respond: 'unused'\n",
    'agent-cicd.config.yaml': 'mock: { script: mock.yaml }\nllm: { concurrency: 50 }\n',
  });
  const ran = await repo.npx(['agent-cicd', 'run', 'suites/', '--report', 'out/report.json']);
  checkMatch(ran.output, /PASS big: pass rate 1\.000 .*6000 cases \(6000 passed/, 'the 6,000-case run');

  // Case c4000 starts on line 3 + 3 × 4000 + 1; its user_input is the next line, the value at column 17.
  const broken = suite.replace(
    'user_input: question number 4000 about the order',
    'user_input: [question number 4000]',
  );
  await repo.write({ 'suites/big.suite.yaml': broken });
  const expected =
    /^error\[AGENT_CICD_SUITE_INVALID\] \S*suites\/big\.suite\.yaml:12005:17 cases\[4000\]\.user_input: [^\n]+\n/m;
  const run = await repo.npx(['agent-cicd', 'run', 'suites/'], { expect: 2 });
  checkMatch(run.stderr, expected, 'a wrong type in case 4,001 (run)');
  check(!/\n\s+at /.test(run.stderr), 'a stack trace on a user error');
  const lint = await repo.npx(['agent-cicd', 'lint', 'suites/'], { expect: 1 });
  checkMatch(lint.output, /suites\/big\.suite\.yaml:12005:17 cases\[4000\]\.user_input/, 'lint');
}
