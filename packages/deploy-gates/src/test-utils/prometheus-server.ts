import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaExec } from '../exec/exec.js';

/** Whether Debian's `prometheus` server binary can run here (CI installs it; elsewhere tests skip with a reason). */
export async function prometheusAvailable(): Promise<boolean> {
  const result = await execaExec('prometheus', ['--version'], { timeoutMs: 10_000 });
  return result.exitCode === 0;
}

/** A free loopback TCP port (Prometheus cannot listen on port 0 and report the port back). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ScrapeTarget {
  /** `host:port` */
  address: string;
  labels?: Record<string, string>;
}

export interface PrometheusServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a real Prometheus on loopback: a free port, a temporary storage directory, a 1 s scrape interval over
 * `targets`. Resolves once `/-/ready` answers; `stop()` kills it and removes the storage.
 */
export async function startPrometheus(options: {
  targets: ScrapeTarget[];
  scrapeIntervalS?: number;
}): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-prom-'));
  const interval = `${Math.round((options.scrapeIntervalS ?? 1) * 1000)}ms`;
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    scrape_configs: [
      {
        job_name: 'agent',
        scrape_timeout: interval,
        static_configs: options.targets.map((target) => ({ targets: [target.address], labels: target.labels ?? {} })),
      },
    ],
  };
  await writeFile(join(dir, 'prometheus.yml'), JSON.stringify(config));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        });
      }
    };
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const ready = await fetch(`${url}/-/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) {
        return {
          url,
          process: child,
          stop: async () => {
            await stop();
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    lastError = new Error(`prometheus did not become ready on ${url}: ${stderr.slice(-2000)}`);
    await stop();
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

/** Waits until Prometheus has scraped `count` targets matching `matchers` successfully (`up == 1`). */
export async function waitForTargets(url: string, matchers: string, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const body = (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(`up{${matchers}} == 1`)}`)
      .then((response) => response.json())
      .catch(() => undefined)) as { data?: { result?: unknown[] } } | undefined;
    if ((body?.data?.result?.length ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prometheus at ${url} did not scrape ${count} targets {${matchers}} in ${timeoutMs} ms`);
}
