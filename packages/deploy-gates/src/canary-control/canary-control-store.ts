import { AgentCicdError } from '@agent-cicd/core';
import { parseGeneratedJson } from '@agent-cicd/core/source';
import type { z } from 'zod';
import { DeployErrorCode } from '../errors.js';
import type { Kubectl } from '../kubectl/create-kubectl.js';
import { assertDnsSubdomain } from '../validate/validate.js';
import {
  type CanaryCommand,
  CanaryCommandSchema,
  type CanaryStatus,
  CanaryStatusSchema,
} from './canary-control-schema.js';

export const statusKey = 'status.json';
export const commandKey = 'command.json';

/**
 * Where a canary's status and manual commands live: a ConfigMap beside the release history
 * (`<history ConfigMap>-canary`). The rollout writes only `status.json` and the CLI only `command.json`, each with
 * a JSON merge patch, so neither overwrites the other.
 */
export interface CanaryControlStore {
  readonly description: string;
  read(): Promise<{ status?: CanaryStatus; command?: CanaryCommand; exists: boolean }>;
  /** Creates (or replaces) the ConfigMap at the start of a rollout: a fresh status, no command. */
  begin(status: CanaryStatus): Promise<void>;
  writeStatus(status: CanaryStatus): Promise<void>;
  writeCommand(command: CanaryCommand): Promise<void>;
}

export const canaryControlName = (historyConfigMap: string) => `${historyConfigMap}-canary`;

function parse<T>(schema: z.ZodType<T>, text: string | undefined, where: string, key: string): T | undefined {
  if (text === undefined || text === '') return undefined;
  let json: unknown;
  try {
    // Core's guarded JSON path (depth limit, located syntax errors), as for the release history.
    json = parseGeneratedJson(text, `${where} ${key}`).value;
  } catch (cause) {
    const column = cause instanceof AgentCicdError ? cause.location?.column : undefined;
    throw new AgentCicdError(
      DeployErrorCode.releaseHistoryInvalid,
      `${key} is not valid JSON${column === undefined ? '' : ` (column ${column})`}`,
      {
        cause,
        location: { file: where, path: key },
      },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AgentCicdError(DeployErrorCode.releaseHistoryInvalid, issue?.message ?? `invalid ${key}`, {
      location: { file: where, path: `${key}.${issue?.path.join('.') ?? ''}` },
    });
  }
  return parsed.data;
}

export function createCanaryControlStore(options: { kubectl: Kubectl; name: string }): CanaryControlStore {
  const { kubectl } = options;
  const name = assertDnsSubdomain(options.name, 'ConfigMap name');
  const where = `configmap/${name}`;
  const patchKey = (key: string, value: unknown) =>
    kubectl.patch('configmap', name, { data: { [key]: JSON.stringify(value) } }, 'merge');
  return {
    description: where,
    async read() {
      const json = (await kubectl.getJson('configmap', name, { optional: true })) as
        | { data?: Record<string, string> }
        | undefined;
      const status = parse(CanaryStatusSchema, json?.data?.[statusKey], where, statusKey);
      const command = parse(CanaryCommandSchema, json?.data?.[commandKey], where, commandKey);
      return { exists: json !== undefined, ...(status ? { status } : {}), ...(command ? { command } : {}) };
    },
    async begin(status) {
      await kubectl.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'agent-cicd' } },
        data: { [statusKey]: JSON.stringify(status), [commandKey]: '' },
      });
    },
    writeStatus: (status) => patchKey(statusKey, status),
    writeCommand: (command) => patchKey(commandKey, command),
  };
}
