// Prints k8s/prompts-configmap.yaml: the prompt files as the ConfigMap the pods mount at /app/prompts.
// Keys cannot contain "/", so prompts/support/v1.hbs is the key support-v1.hbs (the Deployment maps it back).
// Usage: node scripts/prompts-configmap.mjs > k8s/prompts-configmap.yaml
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';

const root = new URL('../', import.meta.url);
const files = {
  'manifest.yaml': 'prompts/manifest.yaml',
  'support-v1.hbs': 'prompts/support/v1.hbs',
  'support-v2.hbs': 'prompts/support/v2.hbs',
};
const data = Object.fromEntries(
  Object.entries(files).map(([key, path]) => [key, readFileSync(new URL(path, root), 'utf8')]),
);
const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'support-agent-prompts', labels: { app: 'support-agent' } },
  data,
};
process.stdout.write(
  `# The prompts the pods read (mounted at /app/prompts), generated from ../prompts by\n# \`node scripts/prompts-configmap.mjs > k8s/prompts-configmap.yaml\`; a test fails when they drift apart.\n${stringify(configMap, { lineWidth: 0 })}`,
);
