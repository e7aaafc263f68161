// A module hook that prints every file module Node loads (one `LOADED <url>` line each on stderr), so a test can
// check what a command pulls in at start-up.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(
    'export async function load(url, context, next) { if (url.startsWith("file:")) process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }',
  )}`,
);
