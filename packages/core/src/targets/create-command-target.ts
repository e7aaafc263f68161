import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { AgentCicdError } from '../errors.js';
import { labelHeaders } from '../llm/label-headers.js';
import { mergeObservedToolCalls } from './merge-observed-tool-calls.js';
import { normalizeTargetOutput } from './normalize-target-output.js';
import { startTrialModelProxy } from './start-trial-model-proxy.js';
import type { Target } from './target.js';
import { targetRequest } from './target-request.js';

export interface CommandTargetOptions {
  /** Program and arguments (no shell), e.g. `['python3', 'agent.py']`. */
  command: string[];
  /** Working directory. */
  cwd: string;
  /** Extra environment variables (over the runner's environment). */
  env?: Record<string, string>;
  /** @default 60 */
  timeoutSeconds?: number;
  /** `proxy`: the agent's model endpoints point at a per-trial proxy to the tier's model. @default 'proxy' */
  llm?: 'proxy' | 'inherit';
  /** The runner's environment. @default process.env */
  baseEnv?: Record<string, string | undefined>;
}

const STDERR_TAIL = 2000;
const STDOUT_LIMIT = 16 * 1024 * 1024;

/**
 * An agent in any language, started once per trial: the case (`targetRequest`) as JSON on stdin; the result as
 * JSON on stdout — the seed's `{ response, tools_called, token_count }` or the full result shape. With
 * `llm: proxy` the process gets `OPENAI_BASE_URL`/`ANTHROPIC_BASE_URL` (and dummy keys) of a per-trial model
 * proxy, so its model calls run on the tier's model, labelled with the case, and the tool calls the model asked
 * for are recorded. A timeout, a non-zero exit, a signal or output that is not a result is an error trial (with
 * the exit code and the end of stderr), never a pass.
 */
export function createCommandTarget(options: CommandTargetOptions): Target {
  const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
  const display = options.command.join(' ');
  return {
    kind: 'command',
    async run(input, context) {
      const proxy = options.llm === 'inherit' ? undefined : await startTrialModelProxy(context.llm, context.metadata);
      try {
        const env: Record<string, string | undefined> = {
          ...(options.baseEnv ?? process.env),
          ...options.env,
          ...proxy?.env,
          AGENT_CICD_TIER: context.tier,
          AGENT_CICD_CASE_ID: input.caseId,
          AGENT_CICD_TRIAL: String(input.trial),
          ...(context.settings.model === undefined ? {} : { AGENT_CICD_MODEL: context.settings.model }),
          // The labels as the adapters send them, for agents that forward headers to their model.
          AGENT_CICD_LABEL_HEADERS: JSON.stringify(labelHeaders(context.metadata)),
        };
        const stdout = await runProcess(options.command, {
          cwd: options.cwd,
          env,
          stdin: `${JSON.stringify(targetRequest(input, context))}\n`,
          timeoutMs,
          signal: context.signal,
          display,
        });
        let output: unknown;
        try {
          output = JSON.parse(stdout);
        } catch {
          const shown = stdout.trim() === '' ? 'nothing' : JSON.stringify(stdout.trim().slice(0, 200));
          throw targetError(
            'invalid_output',
            `the command \`${display}\` printed ${shown} on stdout; expected one JSON result such as {"response": "..."}`,
          );
        }
        const result = normalizeTargetOutput(output as never);
        return proxy ? mergeObservedToolCalls(result, proxy.toolCalls) : result;
      } finally {
        await proxy?.close();
      }
    },
  };
}

interface ProcessOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: string;
  timeoutMs: number;
  signal: AbortSignal;
  display: string;
}

function runProcess(command: string[], options: ProcessOptions): Promise<string> {
  const [program = '', ...args] = command;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, {
      cwd: resolve(options.cwd),
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const kill = (): void => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        // The whole process group: an agent's own children must not outlive the trial.
        if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = (): void => kill();
    options.signal.addEventListener('abort', onAbort, { once: true });
    const finish = (error: Error | undefined, value?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolvePromise(value ?? '');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > STDOUT_LIMIT) {
        kill();
        finish(targetError('invalid_output', `the command \`${options.display}\` printed more than 16 MiB on stdout`));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(
        targetError(
          'spawn_failed',
          `cannot start \`${options.display}\` in ${options.cwd}: ${error.code === 'ENOENT' ? `${program} not found` : error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      const tail = stderr.trim() ? `; stderr: ${stderr.trim().split('\n').slice(-5).join(' | ')}` : '';
      if (options.signal.aborted) return finish(options.signal.reason as Error);
      if (timedOut) {
        return finish(
          targetError(
            'timeout',
            `the command \`${options.display}\` timed out after ${options.timeoutMs / 1000} s${tail}`,
          ),
        );
      }
      if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        return finish(targetError('exit_code', `the command \`${options.display}\` ${how}${tail}`));
      }
      finish(undefined, Buffer.concat(stdout).toString('utf8'));
    });
    child.stdin.on('error', () => {
      // The agent may exit without reading stdin; its exit code tells what happened.
    });
    child.stdin.end(options.stdin);
  });
}

/** A target failure with its kind (`timeout`, `exit_code`, `spawn_failed`, `invalid_output`, `http_status`, …). */
export function targetError(kind: string, message: string): AgentCicdError {
  return new AgentCicdError('AGENT_CICD_TARGET_INVALID', `target ${kind}: ${message}`);
}
