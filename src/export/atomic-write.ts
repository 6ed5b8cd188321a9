import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Produces a file under a temporary name beside `target`, then renames it into place, so
 * readers (a browser, the live server) see the old file or the new one, never half of it.
 */
async function replaceAtomically(target: string, produce: (temp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  counter += 1;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${counter}.tmp`);
  try {
    await produce(temp);
    await rename(temp, target);
  } catch (cause) {
    await rm(temp, { force: true });
    throw cause;
  }
}

export function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  return replaceAtomically(target, (temp) => writeFile(temp, content));
}

export function copyFileAtomic(source: string, target: string): Promise<void> {
  return replaceAtomically(target, (temp) => copyFile(source, temp));
}
