// A tiny npm registry for the `@agent-cicd` scope, serving the packed tarballs on 127.0.0.1 (an ephemeral
// port): with `npm_config_@agent-cicd:registry` pointing at it, `npm install @agent-cicd/cli` and
// `npx @agent-cicd/cli init` resolve the packages (and their dependencies on each other) exactly as they will
// from the public registry once published. Every other package still comes from the real registry.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename } from 'node:path';

/** `{ [name]: tarballPath }` → `{ url, close }`. */
export async function startScopeRegistry(tarballs) {
  const packages = new Map();
  const files = new Map();
  for (const [name, file] of Object.entries(tarballs)) {
    const bytes = readFileSync(file);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }));
    files.set(basename(file), bytes);
    packages.set(name, { manifest, file: basename(file), bytes });
  }
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]).replace(/^\/+/, '');
    if (path.startsWith('-/tarballs/') && files.has(path.slice('-/tarballs/'.length))) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(files.get(path.slice('-/tarballs/'.length)));
      return;
    }
    const entry = packages.get(path);
    if (!entry) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
      return;
    }
    const { manifest, file, bytes } = entry;
    const base = `http://${request.headers.host}`;
    const version = {
      ...manifest,
      _id: `${manifest.name}@${manifest.version}`,
      dist: {
        tarball: `${base}/-/tarballs/${encodeURIComponent(file)}`,
        shasum: createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      },
    };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        _id: manifest.name,
        name: manifest.name,
        'dist-tags': { latest: manifest.version },
        versions: { [manifest.version]: version },
      }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
