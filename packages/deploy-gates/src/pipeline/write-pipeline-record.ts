import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PipelineRecord } from './pipeline-record.js';

/** Replaces `file` atomically (temp file + rename), creating its directory. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** Writes the run's JSON record (see `PipelineRecordSchema`). */
export async function writePipelineRecord(file: string, record: PipelineRecord): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}
