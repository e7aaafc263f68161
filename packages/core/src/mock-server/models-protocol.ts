import type { MockProtocol } from './mock-protocol.js';
import { openAiErrorBody } from './openai-wire.js';

/** Which shape the model list takes: Anthropic's SDK sends `anthropic-version`, OpenAI's does not. */
export interface ModelsCall {
  anthropic: boolean;
}

/** The model list: `GET /v1/models`, in OpenAI's shape, or Anthropic's when the request has `anthropic-version`. */
export const modelsProtocol: MockProtocol<ModelsCall, readonly string[]> = {
  api: 'models',
  method: 'GET',
  path: '/v1/models',
  provider: 'openai',
  hasBody: false,
  requestIdHeader: 'x-request-id',
  responseId: (n) => `models-mock${String(n).padStart(6, '0')}`,
  parse: (_body, headers) => ({ anthropic: Boolean(headers['anthropic-version']) }),
  answer: async (_call, backend) => backend.models,
  render(models, call, frame) {
    if (call.anthropic) {
      const data = models.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: new Date(frame.created * 1000).toISOString(),
      }));
      return JSON.stringify({ data, has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null });
    }
    return JSON.stringify({
      object: 'list',
      data: models.map((id) => ({ id, object: 'model', created: frame.created, owned_by: 'agent-cicd-mock' })),
    });
  },
  errorBody: (status, message) => openAiErrorBody(status, message),
};
