import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importModule, isTypeScriptFile, registerTypeScriptLoader, typeScriptLoaderHint } from './import-module.js';

describe('importModule', () => {
  it('knows TypeScript files by extension', () => {
    expect(['a.ts', 'a.mts', 'a.cts', 'a.tsx'].map(isTypeScriptFile)).toEqual([true, true, true, true]);
    expect(['a.js', 'a.mjs', 'a.d.json', 'ts'].map(isTypeScriptFile)).toEqual([false, false, false, false]);
  });

  it('registers the TypeScript loader once, and resolves false when tsx cannot be loaded', async () => {
    // The registration is per process: the first call decides (here: an injected loader that fails).
    const failing = vi.fn(() => Promise.reject(new Error('Cannot find package tsx')));
    const first = registerTypeScriptLoader(failing);
    const second = registerTypeScriptLoader(failing);
    expect(await first).toBe(false);
    expect(await second).toBe(false);
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it('imports a JavaScript module by absolute path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'import-module-'));
    await writeFile(join(dir, 'agent.mjs'), 'export const run = () => "hi";\n');
    const module = await importModule(join(dir, 'agent.mjs'));
    expect((module.run as () => string)()).toBe('hi');
  });

  it('names tsx when a TypeScript module could not be loaded', () => {
    const error = Object.assign(new TypeError('Unknown file extension ".ts"'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' });
    expect(typeScriptLoaderHint(error)).toMatch(/install tsx/);
    expect(typeScriptLoaderHint(new Error('other'))).toBe('');
  });
});
