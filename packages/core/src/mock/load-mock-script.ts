import { readTextFile } from '../source/read-text-file.js';
import { type MockScript, MockScriptSchema } from './mock-script-schema.js';
import { parseYamlWithSchema } from './parse-yaml-with-schema.js';

/** Parses mock-script YAML text; errors name `file:line:col` and the field path. */
export function parseMockScript(text: string, file: string): MockScript {
  return { ...parseYamlWithSchema(text, file, MockScriptSchema, 'AGENT_CICD_MOCK_SCRIPT_INVALID'), file };
}

/** Reads and validates a mock script (YAML, or JSON which is YAML too) through the guarded loader. */
export async function loadMockScript(path: string): Promise<MockScript> {
  return parseMockScript(await readTextFile(path), path);
}
