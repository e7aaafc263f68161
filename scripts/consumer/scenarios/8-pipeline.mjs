// Scenario 8: the pipeline library and its commands from the tarballs — a custom pipeline in TypeScript
// (runPipeline with one stage replaced), `agent-cicd scan` finding a planted secret without printing it, and
// `agent-cicd approve` recording an approval.
import { check, checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'a custom pipeline in TypeScript, agent-cicd scan and agent-cicd approve';

const PIPELINE = `import { defaultStages, defineStage, removeStages, replaceStage, runPipeline } from '@agent-cicd/deploy-gates';

// Our own unit_test; no image or cluster yet, so the deploy stages are removed.
const unitTest = defineStage({
  name: 'unit_test',
  run: async () => ({ status: 'passed', summary: 'our own unit tests' }),
});
const stages = replaceStage(
  removeStages(defaultStages(), 'build_image', 'deploy_staging', 'e2e_test', 'approval_gate', 'canary_deploy', 'production_deploy'),
  'unit_test',
  unitTest,
);
const record = await runPipeline({ stages, cwd: process.cwd(), shared: { seed: 1 } });
console.log(record.stages.map((stage) => \`\${stage.stage}:\${stage.status}\`).join(' '));
console.log(record.stages[1].summary);
process.exitCode = record.exitCode;
`;

export async function run({ repo: createRepo, linkNodeModules }) {
  const tools = await createRepo({ name: 'cli-install' });
  const project = await createRepo({ name: 'pipeline-project', packageJson: false, nodeModules: false });
  await project.exec(tools.path('node_modules/.bin/agent-cicd'), ['init']);
  await linkNodeModules(project);

  await project.write({ 'pipeline.ts': PIPELINE });
  const custom = await project.npx(['tsx', 'pipeline.ts']);
  checkMatch(
    custom.stdout,
    'static_analysis:passed unit_test:passed prompt_regression:passed tool_integration:passed security_scan:passed',
    'the custom pipeline',
  );
  checkMatch(custom.stdout, 'our own unit tests', 'the replaced stage');

  const key = ['sk', 'proj', 'Q3vT8xLm2Pq9Rz4Wb7Nc1Yd6Hf5Jk0Sa'].join('-');
  await project.write({ 'prompts/notes.md': `OPENAI_API_KEY=${key}\n` });
  const scan = await project.npx(['agent-cicd', 'scan', '--no-probes'], { expect: 1 });
  checkMatch(
    scan.stdout,
    /^high\s+prompts\/notes\.md:1 secret\.openai-key: an OpenAI-style API key: sk-p… \(\d+ chars\)$/m,
    '`agent-cicd scan`',
  );
  check(!scan.stdout.includes(key) && !scan.stderr.includes(key), '`agent-cicd scan` printed the secret');

  const approve = await project.npx(['agent-cicd', 'approve', 'run-1', '--by', 'alice']);
  checkMatch(approve.stdout, /^approved run run-1 \(by alice at /, '`agent-cicd approve`');
  const approval = JSON.parse(await project.read('.agent-cicd/approvals/run-1.json'));
  check(approval.approvedBy === 'alice', 'the approval file');
  return 'custom pipeline passed 5 stages; scan found the planted key; approval recorded';
}
