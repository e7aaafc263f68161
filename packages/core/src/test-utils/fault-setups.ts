import type { ServerResponse } from 'node:http';
import type { FaultRequest, FaultResponder } from './raw-fault-server.js';

/**
 * The fault matrix's setups: each one is a way an OpenAI- or Anthropic-compatible endpoint can answer (odd 200
 * bodies, stops, tool-call faults, SSE cuts and duplicates, HTTP errors, slowness, resets) and what the trial must
 * become. `pass` setups are controls (well-formed answers): they show the harness can pass at all.
 */
export type FaultExpectation = 'pass' | { status: 'error' | 'failed'; check: string };

export interface FaultSetup {
  id: string;
  protocol: 'openai' | 'anthropic';
  stream: boolean;
  expect: FaultExpectation;
  respond: FaultResponder;
}

/** What the well-formed answers say; the agent case forbids `password` and the tool `delete_account`. */
export const GOOD_TEXT = 'Your order shipped yesterday.';
export const TOOL = 'lookup_order';

const error = (check: string): FaultExpectation => ({ status: 'error', check });
const failed = (check: string): FaultExpectation => ({ status: 'failed', check });

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function sse(res: ServerResponse, frames: string[], how: 'end' | 'cut' = 'end'): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const frame of frames) res.write(frame);
  if (how === 'end') res.end();
  else setTimeout(() => res.destroy(), 5);
}

function group(
  setups: Array<Omit<FaultSetup, 'protocol' | 'stream'>>,
  protocol: FaultSetup['protocol'],
  stream: boolean,
): FaultSetup[] {
  return setups.map((setup) => ({ ...setup, protocol, stream }));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A responder that answers the first call with `first` and any call after a tool result well. */
function toolPhase(first: FaultResponder, then: FaultResponder): FaultResponder {
  return (request, res) => (request.afterToolResult ? then(request, res) : first(request, res));
}

// ---------------------------------------------------------------- OpenAI Chat Completions

const openAiUsage = { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 };

function completion(message: Record<string, unknown> | undefined, finish: string | null, extra = {}): unknown {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-test',
    choices: message === undefined ? [] : [{ index: 0, message, logprobs: null, finish_reason: finish }],
    usage: openAiUsage,
    ...extra,
  };
}

const openAiText = (text: string | null, finish: string | null = 'stop', extra = {}): FaultResponder => {
  return (_request, res) => json(res, 200, completion({ role: 'assistant', content: text }, finish, extra));
};

const openAiToolCall = (name: string, args: string, finish = 'tool_calls'): FaultResponder =>
  openAiBody(
    completion(
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: args } }],
      },
      finish,
    ),
  );

function openAiBody(body: unknown, status = 200, headers: Record<string, string> = {}): FaultResponder {
  return (_request, res) => json(res, status, body, headers);
}

const openAiError = (status: number, type: string, headers: Record<string, string> = {}): FaultResponder =>
  openAiBody({ error: { message: `fault ${status}`, type, code: null } }, status, headers);

function chunk(delta: Record<string, unknown>, finish: string | null = null, extra = {}): string {
  const body = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-test',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}
const usageChunk = `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-test', choices: [], usage: openAiUsage })}\n\n`;
const DONE = 'data: [DONE]\n\n';
const role = chunk({ role: 'assistant', content: '' });
const textChunks = [chunk({ content: 'Your order ' }), chunk({ content: 'shipped yesterday.' })];
const finishStop = chunk({}, 'stop');
const toolChunks = (args: string[]): string[] => [
  chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: TOOL, arguments: '' } }] }),
  ...args.map((part) => chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] })),
];

const openAiStream =
  (frames: string[], how: 'end' | 'cut' = 'end'): FaultResponder =>
  (_request, res) =>
    sse(res, frames, how);
const goodOpenAiStream = openAiStream([role, ...textChunks, finishStop, usageChunk, DONE]);

const openAiSetups = group(
  [
    { id: 'good answer', expect: 'pass', respond: openAiText(GOOD_TEXT) },
    {
      id: 'good answer without usage',
      expect: 'pass',
      respond: openAiBody({
        ...(completion({ role: 'assistant', content: GOOD_TEXT }, 'stop') as object),
        usage: undefined,
      }),
    },
    { id: 'empty choices', expect: error('llm_error'), respond: openAiBody(completion(undefined, 'stop')) },
    {
      id: 'missing choices',
      expect: error('llm_error'),
      respond: openAiBody({ id: 'x', object: 'chat.completion', created: 1, model: 'gpt-test', usage: openAiUsage }),
    },
    { id: 'null content', expect: error('empty_response'), respond: openAiText(null) },
    { id: 'empty content', expect: error('empty_response'), respond: openAiText('') },
    { id: 'whitespace content', expect: error('empty_response'), respond: openAiText('  \n ') },
    { id: 'length stop', expect: failed('truncated'), respond: openAiText('I can he', 'length') },
    { id: 'content_filter stop', expect: failed('content_filter'), respond: openAiText('', 'content_filter') },
    {
      id: 'refusal',
      expect: failed('content_filter'),
      respond: openAiBody(completion({ role: 'assistant', content: null, refusal: "I can't help with that." }, 'stop')),
    },
    { id: 'null finish_reason', expect: error('llm_error'), respond: openAiText(GOOD_TEXT, null) },
    {
      id: 'choice without message',
      expect: error('llm_error'),
      respond: openAiBody({
        ...(completion(undefined, 'stop') as object),
        choices: [{ index: 0, finish_reason: 'stop' }],
      }),
    },
    {
      id: 'tool call with invalid JSON arguments',
      expect: failed('tool_arguments'),
      respond: toolPhase(openAiToolCall(TOOL, '{"orderId": "A1"'), openAiText(GOOD_TEXT)),
    },
    {
      id: 'tool call with non-object arguments',
      expect: failed('tool_arguments'),
      respond: toolPhase(openAiToolCall(TOOL, '["A1"]'), openAiText(GOOD_TEXT)),
    },
    {
      id: 'tool call to an unknown tool',
      expect: failed('unknown_tool'),
      respond: toolPhase(openAiToolCall('refund_everything', '{}'), openAiText(GOOD_TEXT)),
    },
    {
      id: 'tool call cut at the token limit',
      expect: failed('truncated'),
      respond: toolPhase(openAiToolCall(TOOL, '{"orderId": "A', 'length'), openAiText(GOOD_TEXT)),
    },
    {
      id: 'good tool call, then an empty answer',
      expect: error('empty_response'),
      respond: toolPhase(openAiToolCall(TOOL, '{"orderId":"A1"}'), openAiText(null)),
    },
    {
      id: 'good tool call, then a length stop',
      expect: failed('truncated'),
      respond: toolPhase(openAiToolCall(TOOL, '{"orderId":"A1"}'), openAiText('Your ord', 'length')),
    },
    {
      id: '429 with retry-after',
      expect: error('llm_error'),
      respond: openAiError(429, 'rate_limit_exceeded', { 'retry-after-ms': '5', 'retry-after': '0' }),
    },
    { id: '500', expect: error('llm_error'), respond: openAiError(500, 'server_error') },
    { id: '503', expect: error('llm_error'), respond: openAiError(503, 'server_error') },
    { id: '529', expect: error('llm_error'), respond: openAiError(529, 'overloaded') },
    { id: '400', expect: error('llm_error'), respond: openAiError(400, 'invalid_request_error') },
    { id: '401', expect: error('llm_error'), respond: openAiError(401, 'invalid_api_key') },
    {
      id: 'slow answer past the timeout',
      expect: error('llm_error'),
      respond: async (_request, res) => {
        await sleep(1_500);
        if (!res.destroyed) json(res, 200, completion({ role: 'assistant', content: GOOD_TEXT }, 'stop'));
      },
    },
    { id: 'connection reset', expect: error('llm_error'), respond: (_request, res) => void res.socket?.destroy() },
    { id: 'garbled JSON body', expect: error('llm_error'), respond: openAiBody('{"id": "chatcmpl-1", "choi') },
    { id: 'HTML body', expect: error('llm_error'), respond: openAiBody('<html><body>Bad gateway</body></html>') },
    { id: 'JSON null body', expect: error('llm_error'), respond: openAiBody('null') },
    {
      id: 'error object with status 200',
      expect: error('llm_error'),
      respond: openAiBody({ error: { message: 'boom', type: 'server_error' } }),
    },
    {
      id: 'Responses API object',
      expect: error('llm_error'),
      respond: openAiBody({ id: 'resp_1', object: 'response', status: 'completed', model: 'gpt-test', output: [] }),
    },
    {
      id: 'body cut short',
      expect: error('llm_error'),
      respond: (_request, res) => {
        const text = JSON.stringify(completion({ role: 'assistant', content: GOOD_TEXT }, 'stop'));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
        res.write(text.slice(0, 40));
        setTimeout(() => res.destroy(), 5);
      },
    },
  ],
  'openai',
  false,
);

const openAiStreamSetups = group(
  [
    { id: 'good stream', expect: 'pass', respond: goodOpenAiStream },
    {
      id: 'finish and usage but no [DONE]',
      // The SDK hides [DONE]: the finish_reason chunk ends the answer, which is complete.
      expect: 'pass',
      respond: openAiStream([role, ...textChunks, finishStop, usageChunk]),
    },
    { id: 'only [DONE]', expect: error('llm_error'), respond: openAiStream([DONE]) },
    { id: 'empty stream', expect: error('llm_error'), respond: openAiStream([]) },
    { id: 'no finish_reason, no [DONE]', expect: error('llm_error'), respond: openAiStream([role, ...textChunks]) },
    {
      id: 'no finish_reason, then [DONE]',
      expect: error('llm_error'),
      respond: openAiStream([role, ...textChunks, DONE]),
    },
    {
      id: 'cut mid-event',
      expect: error('llm_error'),
      respond: openAiStream([role, textChunks[0] as string, 'data: {"id":"chatcmpl-1","obj'], 'cut'),
    },
    {
      id: 'cut after the text',
      expect: error('llm_error'),
      respond: openAiStream([role, ...textChunks], 'cut'),
    },
    {
      id: 'duplicated finish chunk',
      expect: error('llm_error'),
      respond: openAiStream([role, ...textChunks, finishStop, finishStop, usageChunk, DONE]),
    },
    {
      id: 'text after the finish chunk',
      expect: error('llm_error'),
      respond: openAiStream([role, ...textChunks, finishStop, ...textChunks, usageChunk, DONE]),
    },
    {
      id: 'duplicated tool-call start',
      expect: error('llm_error'),
      respond: toolPhase(
        openAiStream([role, ...toolChunks(['{"orderId":']), ...toolChunks(['"A1"}']), chunk({}, 'tool_calls'), DONE]),
        goodOpenAiStream,
      ),
    },
    {
      id: 'stream length stop',
      expect: failed('truncated'),
      respond: openAiStream([role, chunk({ content: 'I can he' }), chunk({}, 'length'), usageChunk, DONE]),
    },
    {
      id: 'stream content_filter stop',
      expect: failed('content_filter'),
      respond: openAiStream([role, chunk({}, 'content_filter'), usageChunk, DONE]),
    },
    {
      id: 'stream refusal',
      expect: failed('content_filter'),
      respond: openAiStream([role, chunk({ refusal: "I can't help." }), finishStop, usageChunk, DONE]),
    },
    {
      id: 'stream without content',
      expect: error('empty_response'),
      respond: openAiStream([role, finishStop, usageChunk, DONE]),
    },
    {
      id: 'stream tool call with invalid JSON arguments',
      expect: failed('tool_arguments'),
      respond: toolPhase(
        openAiStream([role, ...toolChunks(['{"orderId', '": A1']), chunk({}, 'tool_calls'), usageChunk, DONE]),
        goodOpenAiStream,
      ),
    },
    {
      id: 'garbled event data',
      expect: error('llm_error'),
      respond: openAiStream([role, 'data: {"choices": [{"delta": \n\n', finishStop, DONE]),
    },
    {
      id: 'error event inside a 200 stream',
      expect: error('llm_error'),
      respond: openAiStream([
        role,
        `data: ${JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } })}\n\n`,
      ]),
    },
  ],
  'openai',
  true,
);

// ---------------------------------------------------------------- Anthropic Messages

const anthropicUsage = { input_tokens: 12, output_tokens: 6 };

function message(content: unknown[] | undefined, stop: string | null, extra = {}): unknown {
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-test',
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: anthropicUsage,
    ...extra,
  };
}

const anthropicBody = openAiBody;
const anthropicText = (text: string, stop: string | null = 'end_turn'): FaultResponder =>
  anthropicBody(message([{ type: 'text', text }], stop));
const anthropicToolUse = (name: string, input: unknown, stop = 'tool_use'): FaultResponder =>
  anthropicBody(message([{ type: 'tool_use', id: 'toolu_1', name, input }], stop));
const anthropicError = (status: number, type: string, headers: Record<string, string> = {}): FaultResponder =>
  anthropicBody({ type: 'error', error: { type, message: `fault ${status}` } }, status, headers);

const event = (body: Record<string, unknown>): string =>
  `event: ${String(body.type)}\ndata: ${JSON.stringify(body)}\n\n`;
const messageStart = event({
  type: 'message_start',
  message: message([], null, { usage: { input_tokens: 12, output_tokens: 1 } }),
});
const textStart = (index = 0): string =>
  event({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
const textDelta = (text: string, index = 0): string =>
  event({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
const blockStop = (index = 0): string => event({ type: 'content_block_stop', index });
const messageDelta = (stop: string): string =>
  event({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 6 } });
const messageStop = event({ type: 'message_stop' });
const ping = event({ type: 'ping' });
const goodText = [textStart(), textDelta('Your order '), textDelta('shipped yesterday.'), blockStop()];
const toolStart = event({
  type: 'content_block_start',
  index: 0,
  content_block: { type: 'tool_use', id: 'toolu_1', name: TOOL, input: {} },
});
const jsonDelta = (part: string): string =>
  event({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: part } });
const anthropicStream = openAiStream;
const goodAnthropicStream = anthropicStream([messageStart, ...goodText, messageDelta('end_turn'), messageStop]);

const anthropicSetups = group(
  [
    { id: 'good answer', expect: 'pass', respond: anthropicText(GOOD_TEXT) },
    {
      id: 'good answer without usage',
      expect: 'pass',
      respond: anthropicBody({
        ...(message([{ type: 'text', text: GOOD_TEXT }], 'end_turn') as object),
        usage: undefined,
      }),
    },
    { id: 'empty content', expect: error('empty_response'), respond: anthropicBody(message([], 'end_turn')) },
    { id: 'missing content', expect: error('llm_error'), respond: anthropicBody(message(undefined, 'end_turn')) },
    { id: 'empty text block', expect: error('empty_response'), respond: anthropicText('') },
    { id: 'max_tokens stop', expect: failed('truncated'), respond: anthropicText('I can he', 'max_tokens') },
    {
      id: 'model_context_window_exceeded stop',
      expect: failed('truncated'),
      respond: anthropicText('I can he', 'model_context_window_exceeded'),
    },
    { id: 'refusal stop', expect: failed('content_filter'), respond: anthropicText('', 'refusal') },
    { id: 'null stop_reason', expect: error('llm_error'), respond: anthropicText(GOOD_TEXT, null) },
    {
      id: 'tool_use with a string input',
      expect: failed('tool_arguments'),
      respond: toolPhase(anthropicToolUse(TOOL, '{"orderId": "A1"'), anthropicText(GOOD_TEXT)),
    },
    {
      id: 'tool_use of an unknown tool',
      expect: failed('unknown_tool'),
      respond: toolPhase(anthropicToolUse('refund_everything', {}), anthropicText(GOOD_TEXT)),
    },
    {
      id: 'tool_use cut at max_tokens',
      expect: failed('truncated'),
      respond: toolPhase(anthropicToolUse(TOOL, {}, 'max_tokens'), anthropicText(GOOD_TEXT)),
    },
    {
      id: '429 with retry-after',
      expect: error('llm_error'),
      respond: anthropicError(429, 'rate_limit_error', { 'retry-after': '0' }),
    },
    { id: '500', expect: error('llm_error'), respond: anthropicError(500, 'api_error') },
    { id: '503', expect: error('llm_error'), respond: anthropicError(503, 'api_error') },
    { id: '529', expect: error('llm_error'), respond: anthropicError(529, 'overloaded_error') },
    {
      id: 'slow answer past the timeout',
      expect: error('llm_error'),
      respond: async (_request, res) => {
        await sleep(1_500);
        if (!res.destroyed) json(res, 200, message([{ type: 'text', text: GOOD_TEXT }], 'end_turn'));
      },
    },
    { id: 'connection reset', expect: error('llm_error'), respond: (_request, res) => void res.socket?.destroy() },
    { id: 'garbled JSON body', expect: error('llm_error'), respond: anthropicBody('{"type": "message", "cont') },
    {
      id: 'error object with status 200',
      expect: error('llm_error'),
      respond: anthropicBody({ type: 'error', error: { type: 'api_error', message: 'boom' } }),
    },
  ],
  'anthropic',
  false,
);

const anthropicStreamSetups = group(
  [
    { id: 'good stream', expect: 'pass', respond: goodAnthropicStream },
    {
      id: 'no message_stop',
      expect: error('llm_error'),
      respond: anthropicStream([messageStart, ...goodText, messageDelta('end_turn')]),
    },
    { id: 'empty stream', expect: error('llm_error'), respond: anthropicStream([]) },
    { id: 'only pings', expect: error('llm_error'), respond: anthropicStream([ping, ping]) },
    {
      id: 'cut mid-event',
      expect: error('llm_error'),
      respond: anthropicStream(
        [messageStart, textStart(), 'event: content_block_delta\ndata: {"type":"content_bl'],
        'cut',
      ),
    },
    {
      id: 'cut after the text',
      expect: error('llm_error'),
      respond: anthropicStream([messageStart, ...goodText], 'cut'),
    },
    {
      id: 'duplicated message_start',
      expect: error('llm_error'),
      respond: anthropicStream([messageStart, messageStart, ...goodText, messageDelta('end_turn'), messageStop]),
    },
    {
      id: 'duplicated content_block_start',
      expect: error('llm_error'),
      respond: anthropicStream([messageStart, textStart(), ...goodText, messageDelta('end_turn'), messageStop]),
    },
    {
      id: 'duplicated message_stop',
      expect: error('llm_error'),
      respond: anthropicStream([messageStart, ...goodText, messageDelta('end_turn'), messageStop, messageStop]),
    },
    {
      id: 'delta after content_block_stop',
      expect: error('llm_error'),
      respond: anthropicStream([
        messageStart,
        ...goodText,
        textDelta(' Again.'),
        messageDelta('end_turn'),
        messageStop,
      ]),
    },
    {
      id: 'block never stopped',
      expect: error('llm_error'),
      respond: anthropicStream([
        messageStart,
        textStart(),
        textDelta(GOOD_TEXT),
        messageDelta('end_turn'),
        messageStop,
      ]),
    },
    {
      id: 'no message_delta (no stop_reason)',
      expect: error('llm_error'),
      respond: anthropicStream([messageStart, ...goodText, messageStop]),
    },
    {
      id: 'stream max_tokens stop',
      expect: failed('truncated'),
      respond: anthropicStream([
        messageStart,
        textStart(),
        textDelta('I can he'),
        blockStop(),
        messageDelta('max_tokens'),
        messageStop,
      ]),
    },
    {
      id: 'stream refusal stop',
      expect: failed('content_filter'),
      respond: anthropicStream([messageStart, messageDelta('refusal'), messageStop]),
    },
    {
      id: 'stream without content',
      expect: error('empty_response'),
      respond: anthropicStream([messageStart, messageDelta('end_turn'), messageStop]),
    },
    {
      id: 'stream error event (overloaded)',
      expect: error('llm_error'),
      respond: anthropicStream([
        messageStart,
        `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`,
      ]),
    },
    {
      id: 'stream tool_use with invalid JSON input',
      expect: failed('tool_arguments'),
      respond: toolPhase(
        anthropicStream([
          messageStart,
          toolStart,
          jsonDelta('{"orderId": '),
          jsonDelta('A1}'),
          blockStop(),
          messageDelta('tool_use'),
          messageStop,
        ]),
        goodAnthropicStream,
      ),
    },
  ],
  'anthropic',
  true,
);

/** Every setup of the agent-side matrix (the model a prompt or module target calls). */
export const AGENT_FAULT_SETUPS: FaultSetup[] = [
  ...openAiSetups,
  ...openAiStreamSetups,
  ...anthropicSetups,
  ...anthropicStreamSetups,
];

// ---------------------------------------------------------------- the judge's model

const VERDICT = 'submit_verdict';
const verdict = (pass: boolean, score = pass ? 0.9 : 0.1): string =>
  JSON.stringify({ score, pass, reason: pass ? 'It says the order shipped.' : 'It does not say so.' });

function openAiVerdicts(args: string[], finish = 'tool_calls'): FaultResponder {
  return openAiBody(
    completion(
      {
        role: 'assistant',
        content: null,
        tool_calls: args.map((a, i) => ({
          id: `call_${i}`,
          type: 'function',
          function: { name: VERDICT, arguments: a },
        })),
      },
      finish,
    ),
  );
}
function anthropicVerdicts(inputs: unknown[], stop = 'tool_use'): FaultResponder {
  return anthropicBody(
    message(
      inputs.map((input, i) => ({ type: 'tool_use', id: `toolu_${i}`, name: VERDICT, input })),
      stop,
    ),
  );
}

/** Setups of the judge's model (the agent answers well); the case has an expected behaviour. */
export const JUDGE_FAULT_SETUPS: FaultSetup[] = [
  {
    id: 'judge: one pass verdict',
    protocol: 'openai',
    stream: false,
    expect: 'pass',
    respond: openAiVerdicts([verdict(true)]),
  },
  {
    id: 'judge: pass, then fail verdict',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts([verdict(true), verdict(false)]),
  },
  {
    id: 'judge: fail, then pass verdict',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts([verdict(false), verdict(true)]),
  },
  {
    id: 'judge: the same pass verdict twice',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts([verdict(true), verdict(true)]),
  },
  {
    id: 'judge: verdict cut at the token limit',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts([verdict(true)], 'length'),
  },
  {
    id: 'judge: content_filter',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts([verdict(true)], 'content_filter'),
  },
  {
    id: 'judge: text instead of a verdict',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiText('PASS, looks great'),
  },
  {
    id: 'judge: invalid JSON verdict',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts(['{"score": 0.9, "pass": tr']),
  },
  {
    id: 'judge: score above 1',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts([JSON.stringify({ score: 9, pass: true, reason: 'ok' })]),
  },
  {
    id: 'judge: verdict without a reason',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiVerdicts([JSON.stringify({ score: 0.9, pass: true })]),
  },
  {
    id: 'judge: another tool',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiToolCall('approve', verdict(true)),
  },
  {
    id: 'judge: empty choices',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiBody(completion(undefined, 'stop')),
  },
  {
    id: 'judge: 500',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiError(500, 'server_error'),
  },
  {
    id: 'judge: 429',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: openAiError(429, 'rate_limit_exceeded', { 'retry-after-ms': '5' }),
  },
  {
    id: 'judge: connection reset',
    protocol: 'openai',
    stream: false,
    expect: error('judge_error'),
    respond: (_request, res) => void res.socket?.destroy(),
  },
  {
    id: 'judge: stream cut before finish',
    protocol: 'openai',
    stream: true,
    expect: error('judge_error'),
    respond: openAiStream([
      role,
      chunk({
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: VERDICT, arguments: verdict(true) } },
        ],
      }),
    ]),
  },
  {
    id: 'judge: stream with two verdicts',
    protocol: 'openai',
    stream: true,
    expect: error('judge_error'),
    respond: openAiStream([
      role,
      chunk({
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: VERDICT, arguments: verdict(true) } },
        ],
      }),
      chunk({
        tool_calls: [
          { index: 1, id: 'call_2', type: 'function', function: { name: VERDICT, arguments: verdict(false) } },
        ],
      }),
      chunk({}, 'tool_calls'),
      usageChunk,
      DONE,
    ]),
  },
  {
    id: 'judge: one pass verdict',
    protocol: 'anthropic',
    stream: false,
    expect: 'pass',
    respond: anthropicVerdicts([JSON.parse(verdict(true))]),
  },
  {
    id: 'judge: pass, then fail verdict',
    protocol: 'anthropic',
    stream: false,
    expect: error('judge_error'),
    respond: anthropicVerdicts([JSON.parse(verdict(true)), JSON.parse(verdict(false))]),
  },
  {
    id: 'judge: max_tokens',
    protocol: 'anthropic',
    stream: false,
    expect: error('judge_error'),
    respond: anthropicVerdicts([JSON.parse(verdict(true))], 'max_tokens'),
  },
  {
    id: 'judge: refusal',
    protocol: 'anthropic',
    stream: false,
    expect: error('judge_error'),
    respond: anthropicVerdicts([JSON.parse(verdict(true))], 'refusal'),
  },
  {
    id: 'judge: 529',
    protocol: 'anthropic',
    stream: false,
    expect: error('judge_error'),
    respond: anthropicError(529, 'overloaded_error'),
  },
  {
    id: 'judge: stream without message_stop',
    protocol: 'anthropic',
    stream: true,
    expect: error('judge_error'),
    respond: anthropicStream([
      messageStart,
      event({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_1', name: VERDICT, input: {} },
      }),
      jsonDelta(verdict(true)),
      blockStop(),
      messageDelta('tool_use'),
    ]),
  },
];

export type { FaultRequest };
