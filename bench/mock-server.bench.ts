// Throughput of the mock server (POST /v1/chat/completions answered by a scripted rule) next to a bare
// node:http server that returns the very same bytes, measured side by side in one run. Each server runs in
// its own child process so the load loop (keep-alive agent, fixed request count, concurrency 32) does not
// share an event loop with it. Rounds alternate bare/mock; the median and the best round of each are reported
// (on a busy machine the best round is the least disturbed one, so `bestRatio` is the steadier number).
// Each server also reports the CPU time it spent per request (process.cpuUsage), which noisy neighbours
// disturb far less than wall-clock throughput: `cpuRatio` = bare CPU per request / mock CPU per request.

import { type ChildProcess, fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@agent-cicd/core/mock-server';

const REQUESTS = 10_000;
const WARMUP = 1_000;
const CONCURRENCY = 32;
const ROUNDS = 5;
const BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a helpful support agent for an online shop.' },
    { role: 'user', content: 'Where is my refund for order 1234?' },
  ],
  temperature: 0,
});
const SCRIPT = {
  rules: [
    { when: { user: 'refund' }, respond: 'Your refund for that order was issued yesterday; expect it within 3 days.' },
    { respond: 'I can only help with refunds.' },
  ],
};

type Role = { role: 'mock' } | { role: 'bare'; body: string; headers: Record<string, string> };

async function serve(role: Role): Promise<number> {
  if (role.role === 'mock') {
    const server = await startMockServer({ port: 0, script: SCRIPT, logLimit: 1000 });
    return server.port;
  }
  const server = createServer((req, res) => {
    // Consume the body like a real handler would, then answer the canned bytes.
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, role.headers);
      res.end(role.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const roleArg = process.argv[2];
if (roleArg) {
  process.on('message', () => {
    const usage = process.cpuUsage();
    process.send?.(usage.user + usage.system);
  });
  process.send?.(await serve(JSON.parse(roleArg) as Role));
} else {
  // The child inherits the --import tsx / --conditions flags, so it runs this file from source too.
  const startWorker = (role: Role): Promise<{ worker: ChildProcess; port: number }> =>
    new Promise((resolve, reject) => {
      const worker = fork(fileURLToPath(import.meta.url), [JSON.stringify(role)], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      worker.once('message', (port) => resolve({ worker, port: port as number }));
      worker.once('error', reject);
    });

  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (port: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/chat/completions',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Buffer.concat(chunks).toString())
              : reject(new Error(`status ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(BODY);
    });

  async function load(port: number, count: number): Promise<number> {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) {
          next++;
          await post(port);
        }
      }),
    );
    return count / ((performance.now() - start) / 1000);
  }

  const mock = await startWorker({ role: 'mock' });
  // The bare server answers exactly what the mock server answers to this request.
  const canned = await new Promise<{ body: string; headers: Record<string, string> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: mock.port, path: '/v1/chat/completions', method: 'POST', agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const name of ['content-type', 'content-length', 'x-request-id'])
            headers[name] = String(res.headers[name]);
          resolve({ body: Buffer.concat(chunks).toString(), headers });
        });
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
  const bare = await startWorker({ role: 'bare', ...canned });

  await load(bare.port, WARMUP);
  await load(mock.port, WARMUP);
  const cpuMicros = (worker: ChildProcess): Promise<number> =>
    new Promise((resolve) => {
      worker.once('message', (micros) => resolve(micros as number));
      worker.send('cpu');
    });
  const bareRuns: number[] = [];
  const mockRuns: number[] = [];
  const bareCpu: number[] = [];
  const mockCpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [server, runs, cpu] of [
      [bare, bareRuns, bareCpu],
      [mock, mockRuns, mockCpu],
    ] as const) {
      const before = await cpuMicros(server.worker);
      runs.push(await load(server.port, REQUESTS));
      cpu.push(((await cpuMicros(server.worker)) - before) / REQUESTS);
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const bareRps = median(bareRuns);
  const mockRps = median(mockRuns);
  const bestBare = Math.max(...bareRuns);
  const bestMock = Math.max(...mockRuns);
  agent.destroy();
  mock.worker.kill();
  bare.worker.kill();
  console.log(
    JSON.stringify({
      requestsPerRound: REQUESTS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      responseBytes: Buffer.byteLength(canned.body),
      bareRps: Math.round(bareRps),
      mockRps: Math.round(mockRps),
      ratio: Number((mockRps / bareRps).toFixed(3)),
      bestBareRps: Math.round(bestBare),
      bestMockRps: Math.round(bestMock),
      bestRatio: Number((bestMock / bestBare).toFixed(3)),
      bareCpuUsPerRequest: Number(median(bareCpu).toFixed(1)),
      mockCpuUsPerRequest: Number(median(mockCpu).toFixed(1)),
      cpuRatio: Number((median(bareCpu) / median(mockCpu)).toFixed(3)),
      goal: 0.8,
      bareRunsRps: bareRuns.map(Math.round),
      mockRunsRps: mockRuns.map(Math.round),
    }),
  );
}
