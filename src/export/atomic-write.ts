import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

let counter = 0;

function tempPathFor(target: string): string {
  counter += 1;
  return join(dirname(target), `.${basename(target)}.${process.pid}.${counter}.tmp`);
}

/** Writes a file so that readers see the old content or the new, never half of it. */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, content);
    await rename(temp, target);
  } catch (cause) {
    await rm(temp, { force: true });
    throw cause;
  }
}

/** Copies a file with the same guarantee as writeFileAtomic. */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await copyFile(source, temp);
    await rename(temp, target);
  } catch (cause) {
    await rm(temp, { force: true });
    throw cause;
  }
}
