import type { Command } from 'commander';

/** Flags every `deploy` and `rollback` subcommand shares. */
export interface ClusterFlags {
  app: string;
  namespace?: string;
  context?: string;
  timeout: string;
  dryRun?: boolean;
  historyFile?: string;
  historyConfigmap?: string;
  json?: boolean;
}

/** Adds the shared cluster options to a subcommand. */
export function withClusterOptions(command: Command): Command {
  return command
    .requiredOption('--app <name>', 'app name: the stable Deployment (canary), the Deployment prefix (blue-green)')
    .option('-n, --namespace <namespace>', 'Kubernetes namespace (kubectl -n)')
    .option('--context <context>', 'kubeconfig context (kubectl --context)')
    .option('--timeout <duration>', 'kubectl rollout status --timeout for each rollout', '5m')
    .option('--history-file <file>', 'keep the release history in this local JSON file instead of a ConfigMap')
    .option('--history-configmap <name>', 'ConfigMap holding the release history (default: <app>-releases)')
    .option('--dry-run', 'print the exact kubectl/docker commands (shell-quoted) and run none')
    .option('--json', 'print the result as JSON');
}
