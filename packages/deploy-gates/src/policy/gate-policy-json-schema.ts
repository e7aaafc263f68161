import { z } from 'zod';
import { GatePolicySchema } from './gate-policy-schema.js';

/**
 * The JSON Schema of gate policy files (shipped as `schemas/gate-policy.schema.json` for editors). It describes the
 * canonical camelCase spelling; the loader also accepts snake_case keys.
 */
export function gatePolicyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(GatePolicySchema, { io: 'input' }),
    $id: 'https://agent-cicd.dev/schemas/gate-policy.schema.json',
    title: 'agent-cicd gate policy',
  };
}
