import { AgentCicdError } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Byte offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

/**
 * Decodes a file's bytes as UTF-8 (dropping a byte-order mark). Bytes that are not UTF-8 (a Latin-1 `é`, a binary
 * file) are an `AGENT_CICD_FILE_NOT_UTF8` error at their line and column, never silently replaced by U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    const before = offset < 0 ? '' : decoder.decode(bytes.subarray(0, offset));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.length === 0 ? 1 : before.split('\n').length;
    const byte = offset < 0 ? '' : ` (byte 0x${(bytes[offset] as number).toString(16).padStart(2, '0')})`;
    throw new AgentCicdError('AGENT_CICD_FILE_NOT_UTF8', `file is not valid UTF-8${byte}: save it as UTF-8`, {
      location: { file, line, column: before.length - lineStart + 1 },
    });
  }
}
