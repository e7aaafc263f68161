import type { LlmClient, LlmRequest, LlmResponse } from '../llm/types.js';
import { mockRuleOf } from '../mock/mock-rule-of.js';
import { defaultJudgeRubric } from './default-rubric.js';
import { formatJudgeMaterial, type JudgeMaterial } from './format-judge-material.js';
import { type JudgeVerdict, JudgeVerdictSchema, judgeVerdictJsonSchema } from './judge-verdict.js';

/** A versioned rubric prompt (the judge's system prompt). */
export interface JudgeRubric {
  name: string;
  version: string;
  template: string;
}

export interface CreateJudgeOptions {
  llm: LlmClient;
  /** @default the built-in rubric, `prompts/judge/v1.md` */
  rubric?: JudgeRubric;
  model?: string;
  /**
   * How the verdict is forced: `tool` (a forced `submit_verdict` tool call; OpenAI, Anthropic, mock) or `json`
   * (a JSON object as the whole reply, for providers without tools).
   * @default 'tool'
   */
  mode?: 'tool' | 'json';
  /** Independent verdicts per grading. @default 1 */
  votes?: number;
  /** `majority`: pass when most votes pass, score = median; `mean`: pass when most votes pass, score = mean. @default 'majority' */
  aggregate?: 'majority' | 'mean';
  /** Attempts per vote when the reply is malformed. @default 3 */
  maxAttempts?: number;
  /** @default 1024 */
  maxTokens?: number;
}

export interface JudgeRequest extends JudgeMaterial {
  signal?: AbortSignal;
  /** Labels for cassettes and mock rules (`caseId`, `trial`). */
  metadata?: Record<string, string>;
}

export type JudgeOutcome =
  | {
      ok: true;
      score: number;
      pass: boolean;
      reason: string;
      votes: JudgeVerdict[];
      tokens: { input: number; output: number };
      costUsd?: number;
    }
  | { ok: false; error: string; tokens: { input: number; output: number }; costUsd?: number };

export interface Judge {
  readonly rubric: JudgeRubric;
  grade(request: JudgeRequest): Promise<JudgeOutcome>;
  /**
   * The same judge with its model client wrapped by `wrap` — how a run's budget (`--max-cost`, `--max-calls`)
   * counts the judge's calls. A judge without it is not counted.
   */
  withClient?(wrap: (llm: LlmClient) => LlmClient): Judge;
}

const VERDICT_TOOL = 'submit_verdict';

/**
 * LLM-as-judge. Temperature 0; the verdict is forced (tool call or JSON) and parsed strictly. A malformed
 * reply (or one cut at the token limit or filtered) is retried up to `maxAttempts`; then — or when the model call
 * itself fails, or one reply holds several verdicts — the outcome is an error, never a pass and never a default
 * score.
 */
export function createJudge(options: CreateJudgeOptions): Judge {
  const rubric = options.rubric ?? defaultJudgeRubric;
  const mode = options.mode ?? 'tool';
  const votes = options.votes ?? 1;
  const maxAttempts = options.maxAttempts ?? 3;

  return {
    rubric,
    withClient: (wrap) => createJudge({ ...options, llm: wrap(options.llm) }),
    async grade(request) {
      const tokens = { input: 0, output: 0 };
      let costUsd: number | undefined;
      const verdicts: JudgeVerdict[] = [];
      for (let vote = 0; vote < votes; vote++) {
        let problem = '';
        let verdict: JudgeVerdict | undefined;
        for (let attempt = 0; attempt < maxAttempts && !verdict; attempt++) {
          let reply: LlmResponse;
          try {
            reply = await options.llm.complete(buildRequest(request, vote, attempt));
          } catch (error) {
            return {
              ok: false,
              error: `the judge model call failed: ${(error as Error).message}`,
              tokens,
              ...(costUsd === undefined ? {} : { costUsd }),
            };
          }
          tokens.input += reply.usage.inputTokens;
          tokens.output += reply.usage.outputTokens;
          if (reply.costUsd !== undefined) costUsd = (costUsd ?? 0) + reply.costUsd;
          const verdictCalls = reply.toolCalls.filter((c) => c.name === VERDICT_TOOL).length;
          if (mode === 'tool' && verdictCalls > 1) {
            // Several verdicts in one reply (contradictory or repeated) are ambiguous: never pick one.
            return {
              ok: false,
              error: `the judge gave ${verdictCalls} verdicts (${VERDICT_TOOL} called ${verdictCalls} times) in one reply; an ambiguous verdict is not graded`,
              tokens,
              ...(costUsd === undefined ? {} : { costUsd }),
            };
          }
          const parsed = parseVerdict(reply, mode);
          if (typeof parsed === 'string') problem = parsed + answeredBy(reply);
          else verdict = parsed;
        }
        if (!verdict) {
          return {
            ok: false,
            error: `the judge gave no valid verdict in ${maxAttempts} attempts: ${problem}`,
            tokens,
            ...(costUsd === undefined ? {} : { costUsd }),
          };
        }
        verdicts.push(verdict);
      }
      const passes = verdicts.filter((v) => v.pass).length;
      const scores = verdicts.map((v) => v.score);
      const score = options.aggregate === 'mean' ? scores.reduce((a, b) => a + b, 0) / scores.length : median(scores);
      const reasons = [...new Set(verdicts.map((v) => v.reason))];
      return {
        ok: true,
        score,
        pass: passes * 2 > verdicts.length,
        reason: reasons.join(' / '),
        votes: verdicts,
        tokens,
        ...(costUsd === undefined ? {} : { costUsd }),
      };
    },
  };

  /** When a mock answered instead of a verdict: which rule did, and which rule a judge request needs. */
  function answeredBy(reply: LlmResponse): string {
    const rule = mockRuleOf(reply);
    if (rule === undefined) return '';
    const label = `${rubric.name}@${rubric.version}`;
    return (
      `; mock rule "${rule}" answered, but a judge request needs a rule matching its label ` +
      `(\`when: { promptVersion: ${label} }\`) that ${mode === 'tool' ? `calls ${VERDICT_TOOL} with { score, pass, reason }` : 'replies with a JSON verdict { score, pass, reason }'}, placed before the agent's rules`
    );
  }

  function buildRequest(request: JudgeRequest, vote: number, attempt: number): LlmRequest {
    const system =
      mode === 'json'
        ? `${rubric.template}\nReply with one JSON object matching this JSON Schema and nothing else: ${JSON.stringify(judgeVerdictJsonSchema)}`
        : rubric.template;
    return {
      ...(options.model === undefined ? {} : { model: options.model }),
      system,
      messages: [{ role: 'user', content: formatJudgeMaterial(request) }],
      ...(mode === 'tool'
        ? {
            tools: [
              { name: VERDICT_TOOL, description: 'Submit the grading verdict.', parameters: judgeVerdictJsonSchema },
            ],
            toolChoice: { name: VERDICT_TOOL },
          }
        : {}),
      temperature: 0,
      maxTokens: options.maxTokens ?? 1024,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      metadata: {
        ...request.metadata,
        promptVersion: `${rubric.name}@${rubric.version}`,
        purpose: 'judge',
        vote: String(vote),
        attempt: String(attempt),
      },
    };
  }
}

/** A verdict, or a sentence saying what was wrong with the reply. */
function parseVerdict(reply: LlmResponse, mode: 'tool' | 'json'): JudgeVerdict | string {
  if (reply.finishReason === 'length' || reply.finishReason === 'content_filter' || reply.finishReason === 'error') {
    return `the reply ended with finish reason ${reply.finishReason}, so its verdict may be incomplete`;
  }
  let candidate: unknown;
  if (mode === 'tool') {
    const call = reply.toolCalls.find((c) => c.name === VERDICT_TOOL);
    if (!call) return `the reply did not call ${VERDICT_TOOL} (text: ${JSON.stringify(reply.text.slice(0, 120))})`;
    candidate = call.arguments;
  } else {
    const text = reply.text.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
    try {
      candidate = JSON.parse(text);
    } catch {
      return `the reply is not JSON: ${JSON.stringify(reply.text.slice(0, 120))}`;
    }
  }
  const parsed = JudgeVerdictSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `the verdict ${JSON.stringify(candidate)} is invalid: ${issue?.path.join('.') || 'verdict'}: ${issue?.message ?? 'invalid'}`;
  }
  return parsed.data;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
