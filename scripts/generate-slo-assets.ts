// Regenerates the SLO assets of @agent-cicd/deploy-gates from the agent metric definitions:
// alerts/agent-slo.rules.yml (burn-rate alerts) and dashboards/agent-sla.dashboard.json (Grafana).
// Run: node --conditions=@agent-cicd/source --import tsx scripts/generate-slo-assets.ts
import { writeFile } from 'node:fs/promises';
import { renderSloAssets } from '../packages/deploy-gates/src/sla/slo-assets.js';

const assets = renderSloAssets();
for (const [file, text] of Object.entries(assets)) {
  await writeFile(new URL(`../packages/deploy-gates/${file}`, import.meta.url), text);
  console.log(`wrote packages/deploy-gates/${file}`);
}
