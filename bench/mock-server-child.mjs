// The server side of bench/mock-server.bench.ts, one process per server. Plain JavaScript run by plain `node`
// (no tsx, no `@agent-cicd/source` condition), so `@agent-cicd/core/mock-server` resolves to the built `dist/` —
// the code users run — and the bare node:http server runs under the very same node, flags and loader (none).
// argv[2] is the role as JSON; the parent asks for process.cpuUsage() over IPC.
import { createServer } from 'node:http';
import { startMockServer } from '@agent-cicd/core/mock-server';

const role = JSON.parse(process.argv[2]);

async function serve() {
  if (role.role === 'mock') {
    const server = await startMockServer({ port: 0, script: role.script, logLimit: role.logLimit });
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
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

process.on('message', () => {
  const usage = process.cpuUsage();
  process.send(usage.user + usage.system);
});
process.send(await serve());
