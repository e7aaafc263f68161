import { resolve } from 'node:path';
import type { CassetteMode } from '@agent-cicd/core';
import { AgentCicdError } from '@agent-cicd/core/errors';
import type { MockServer } from '@agent-cicd/core/mock-server';
import { parseIntegerOption } from '../options/parse-option-values.js';

import type { RegisterCommand } from './types.js';

interface MockServerFlags {
  host: string;
  port: string;
  script?: string;
  faults?: string;
  cassette?: string;
  cassetteMode?: string;
  seed?: string;
}

const parseInteger = (value: string, flag: string, min: number, max: number): number =>
  parseIntegerOption(value, flag, { min, max });

/** `agent-cicd mock-server`: the OpenAI/Anthropic-compatible mock model for the Dev tier, until SIGINT/SIGTERM. */
export const registerMockServerCommand: RegisterCommand = (program, io) => {
  program
    .command('mock-server')
    .description(
      'serve a scripted mock model over the OpenAI Chat Completions and Anthropic Messages APIs (JSON and SSE), ' +
        'so an agent in any language runs in the Dev tier by changing its base URL; stops on Ctrl-C / SIGTERM',
    )
    .option(
      '--host <host>',
      'interface to bind; anything but loopback prints a warning (no authentication)',
      '127.0.0.1',
    )
    .option('--port <port>', 'port to listen on (0 picks a free port)', '8787')
    .option('--script <file>', 'mock script (YAML rules); default: answer "Mock answer to: <message>"')
    .option('--faults <file>', 'fault rules (YAML): 429, 500, 529, slow first byte, stream cut, malformed JSON')
    .option('--cassette <dir>', 'answer from the cassettes in DIR (one <caseId>.cassette.json per case)')
    .option(
      '--cassette-mode <mode>',
      'replay (a miss is an error), auto (record misses from --script) or record; default: $AGENT_CICD_CASSETTE, else replay',
    )
    .option('--seed <n>', "seed of the script's and the faults' random draws (overrides the files' seeds)")
    .addHelpText(
      'after',
      '\nClients: OpenAI baseURL <url>/v1, Anthropic baseURL <url>. Headers x-agent-cicd-* (case-id, trial, ' +
        "prompt-version, …; sent by agent-cicd's adapters) label requests for rules and cassettes.\n" +
        'GET <url>/_mock/requests returns the request log (offered and called tools, model, status).\n',
    )
    .action(async (flags: MockServerFlags) => {
      // Loaded on use: `--help` and the other commands do not pay for the mock server's modules.
      const { resolveCassetteMode } = await import('@agent-cicd/core');
      const { startMockServer } = await import('@agent-cicd/core/mock-server');
      const port = parseInteger(flags.port, '--port', 0, 65_535);
      const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, '--seed', -(2 ** 31), 2 ** 32 - 1);
      let mode: CassetteMode | undefined;
      if (flags.cassette !== undefined) {
        mode = resolveCassetteMode({ flag: flags.cassetteMode, env: io.env, fallback: 'replay' });
        if (mode === 'off')
          throw new AgentCicdError('AGENT_CICD_CLI_INVALID_OPTION', '--cassette-mode off makes --cassette pointless');
      } else if (flags.cassetteMode !== undefined) {
        throw new AgentCicdError('AGENT_CICD_CLI_INVALID_OPTION', '--cassette-mode needs --cassette <dir>');
      }
      let server: MockServer;
      try {
        server = await startMockServer({
          host: flags.host,
          port,
          script: flags.script === undefined ? undefined : resolve(io.cwd, flags.script),
          faults: flags.faults === undefined ? undefined : resolve(io.cwd, flags.faults),
          cassette: flags.cassette === undefined ? undefined : { dir: resolve(io.cwd, flags.cassette), mode },
          seed,
          warn: (message) => io.stderr(`${message}\n`),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new AgentCicdError('AGENT_CICD_CLI_LISTEN_FAILED', `cannot listen on ${flags.host}:${port} (${code})`, {
            cause: error,
          });
        }
        throw error;
      }
      io.stdout(
        `agent-cicd mock server listening on ${server.url}\n` +
          `  OpenAI:    baseURL ${server.url}/v1\n` +
          `  Anthropic: baseURL ${server.url}\n` +
          `  request log: GET ${server.url}/_mock/requests\n`,
      );
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done, done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      io.stdout(`mock server stopped (${server.requests.length} requests served)\n`);
    });
};
