// Throughput of the mock server (POST /v1/chat/completions answered by a scripted rule) next to a bare
// node:http server that returns the very same bytes (same headers), measured side by side in one run. Each server
// runs in its own child process so the load loop (keep-alive agent, fixed request count, concurrency 32) does not
// share an event loop with it. The machine is shared and noisy, so the figure is a median of PAIRED ratios: each
// round runs both servers back to back (the order alternates, bare-mock then mock-bare, so a drift in load favours
// neither) and yields one ratio mock/bare; the median over the rounds is the figure, the quartiles and extremes
// its spread. Each server also reports the CPU time it spent per request (process.cpuUsage), which noisy
// neighbours disturb less than wall-clock throughput.
//
// The servers run the SHIPPED code: each child is bench/mock-server-child.mjs started by plain `node` with no
// flags (execArgv [], so neither tsx nor the `@agent-cicd/source` condition is inherited), and
// `@agent-cicd/core/mock-server` resolves to the built `dist/` (run `npm run build` first). Only this load loop
// runs from source. The bare server is the same plain node:http handler under the same node and flags.

import { type ChildProcess, fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const REQUESTS = 5_000;
const WARMUP = 1_000;
const CONCURRENCY = 32;
const ROUNDS = 11;
const GOAL = 0.9;
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

type Role =
  | { role: 'mock'; script: typeof SCRIPT; logLimit: number }
  | { role: 'bare'; body: string; headers: Record<string, string> };

const CHILD = fileURLToPath(new URL('./mock-server-child.mjs', import.meta.url));
const startWorker = (role: Role): Promise<{ worker: ChildProcess; port: number }> =>
  new Promise((resolve, reject) => {
    const worker = fork(CHILD, [JSON.stringify(role)], {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    worker.once('message', (port) => resolve({ worker, port: port as number }));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`bench server child exited ${code}`)));
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

const mock = await startWorker({ role: 'mock', script: SCRIPT, logLimit: 1000 });
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
const rounds: Array<{ bareRps: number; mockRps: number; bareCpu: number; mockCpu: number }> = [];
const measure = async (server: { worker: ChildProcess; port: number }) => {
  const before = await cpuMicros(server.worker);
  const rps = await load(server.port, REQUESTS);
  return { rps, cpu: ((await cpuMicros(server.worker)) - before) / REQUESTS };
};
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order within the pair so that a load change during the round favours neither server.
  const mockFirst = round % 2 === 1;
  const first = await measure(mockFirst ? mock : bare);
  const second = await measure(mockFirst ? bare : mock);
  const [b, m] = mockFirst ? [second, first] : [first, second];
  rounds.push({ bareRps: b.rps, mockRps: m.rps, bareCpu: b.cpu, mockCpu: m.cpu });
}
agent.destroy();
mock.worker.kill();
bare.worker.kill();

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
};
const round3 = (value: number): number => Number(value.toFixed(3));
const ratios = rounds.map((r) => r.mockRps / r.bareRps);
const cpuRatios = rounds.map((r) => r.bareCpu / r.mockCpu);
const ratio = quantile(ratios, 0.5);
console.log(
  JSON.stringify({
    requestsPerRound: REQUESTS,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    responseBytes: Buffer.byteLength(canned.body),
    ratio: round3(ratio),
    ratioSpread: {
      min: round3(Math.min(...ratios)),
      p25: round3(quantile(ratios, 0.25)),
      p75: round3(quantile(ratios, 0.75)),
      max: round3(Math.max(...ratios)),
    },
    bareRps: Math.round(
      quantile(
        rounds.map((r) => r.bareRps),
        0.5,
      ),
    ),
    mockRps: Math.round(
      quantile(
        rounds.map((r) => r.mockRps),
        0.5,
      ),
    ),
    bareCpuUsPerRequest: Number(
      quantile(
        rounds.map((r) => r.bareCpu),
        0.5,
      ).toFixed(1),
    ),
    mockCpuUsPerRequest: Number(
      quantile(
        rounds.map((r) => r.mockCpu),
        0.5,
      ).toFixed(1),
    ),
    cpuRatio: round3(quantile(cpuRatios, 0.5)),
    pairedRatios: ratios.map(round3),
    goals: [
      {
        figure: `mock server / bare node:http throughput, median of ${ROUNDS} paired rounds (${REQUESTS} requests, concurrency ${CONCURRENCY})`,
        value: round3(ratio),
        goal: `>= ${GOAL}`,
        met: ratio >= GOAL,
      },
    ],
  }),
);
