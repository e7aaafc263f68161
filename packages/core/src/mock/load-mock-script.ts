import { readFile } from 'node:fs/promises';
import { AgentCicdError } from '../errors.js';
import { type MockScript, MockScriptSchema } from './mock-script-schema.js';
import { parseYamlWithSchema } from './parse-yaml-with-schema.js';

/** Parses mock-script YAML text; errors name `file:line:col` and the field path. */
export function parseMockScript(text: string, file: string): MockScript {
  return { ...parseYamlWithSchema(text, file, MockScriptSchema, 'AGENT_CICD_MOCK_SCRIPT_INVALID'), file };
}

/** Reads and validates a mock script (YAML, or JSON which is YAML too). */
export async function loadMockScript(path: string): Promise<MockScript> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AgentCicdError('AGENT_CICD_MOCK_SCRIPT_INVALID', `cannot read mock script: ${(error as Error).message}`, {
      cause: error,
      location: { file: path },
    });
  }
  return parseMockScript(text, path);
}
