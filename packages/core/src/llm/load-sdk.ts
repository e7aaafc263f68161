import { AgentCicdError } from '../errors.js';

/**
 * Imports an optional provider SDK on first use. When it is not installed, throws
 * `AGENT_CICD_LLM_SDK_MISSING` telling the user what to install.
 */
export async function loadSdk<T>(packageName: string, provider: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new AgentCicdError(
        'AGENT_CICD_LLM_SDK_MISSING',
        `install ${packageName} to use the ${provider} provider (npm install ${packageName})`,
        { cause: error },
      );
    }
    throw error;
  }
}
