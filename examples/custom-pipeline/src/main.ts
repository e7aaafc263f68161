import { formatDuration } from '@agent-cicd/deploy-gates/pipeline';
import { runCustomPipeline } from './custom-pipeline.js';

const record = await runCustomPipeline({
  onStage: (result) =>
    process.stdout.write(
      `${result.stage.padEnd(17)} ${result.status.padEnd(7)} ${formatDuration(result.durationSeconds).padStart(8)}  ${result.summary}\n`,
    ),
});
process.stdout.write(`${record.passed} of ${record.stages.length} stages passed\n`);
process.exitCode = record.exitCode;
