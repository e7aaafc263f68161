import { defineStage } from '../pipeline-stage.js';
import { formatFinding } from '../scan/scan-finding.js';
import { ScanOptionsSchema, scanProject } from '../scan/scan-project.js';

/**
 * `security_scan`: `scanProject` — secrets (known key formats, entropy, allowlist), the tier tool policy and the
 * prompt-injection probes on the chosen tier. A `high` finding (or `failOn`) fails the stage.
 */
export const securityScanStage = defineStage({
  name: 'security_scan',
  description: 'secrets, tool policy and prompt-injection probes',
  options: ScanOptionsSchema,
  async run(context) {
    const result = await scanProject({
      ...context.options,
      cwd: context.cwd,
      env: context.env,
      configFile: context.configFile,
      tier: context.shared.tier ?? 'dev',
      seed: context.shared.seed,
      llm: context.llm,
    });
    const { high, medium, low } = result.counts;
    return {
      status: result.failed ? 'failed' : 'passed',
      summary: `${result.findings.length} findings (${high} high, ${medium} medium, ${low} low); secrets, tool policy, ${result.probed} suite${result.probed === 1 ? '' : 's'} probed for prompt injection`,
      details: {
        findings: result.findings,
        ...(result.findings.length === 0 ? {} : { output: result.findings.map(formatFinding).join('\n') }),
      },
    };
  },
});
