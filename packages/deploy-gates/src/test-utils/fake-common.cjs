// Shared by the fake kubectl and docker: argv log, state file, injected failures. Test-only; no dependencies.
const fs = require('node:fs');

function readState() {
  const file = process.env.FAKE_STATE_FILE;
  if (!file || !fs.existsSync(file)) return { objects: {}, images: {}, failures: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeState(state) {
  fs.writeFileSync(process.env.FAKE_STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

function readStdin() {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function fail(code, stderr) {
  process.stderr.write(`${stderr}\n`);
  process.exit(code);
}

/** Logs the call, then applies the first injected failure whose `match` is a substring of the argv line. */
function start(tool, argv, stdin) {
  const entry = { tool, argv };
  if (stdin) entry.stdin = stdin;
  fs.appendFileSync(process.env.FAKE_LOG_FILE, `${JSON.stringify(entry)}\n`);
  const state = readState();
  const line = [tool, ...argv].join(' ');
  const index = (state.failures ?? []).findIndex((f) => f.tool === tool && line.includes(f.match));
  if (index !== -1) {
    const failure = state.failures[index];
    if (failure.once) {
      state.failures.splice(index, 1);
      writeState(state);
    }
    if (failure.sleepMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, failure.sleepMs);
    fail(failure.exitCode ?? 1, failure.stderr ?? 'error: injected failure');
  }
  return state;
}

module.exports = { readState, writeState, readStdin, fail, start };
