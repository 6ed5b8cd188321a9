import { readdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isRunning, whenStopping } from '../runtime/stop-tasks.js';

let counter = 0;
const TEMP_NAME = /^\..+\.(\d+)\.\d+\.tmp$/;
const swept = new Set<string>();

/**
 * Produces a file under a temporary name beside `target`, then renames it into place, so
 * readers (a browser, the live server) see the old file or the new one, never half of it.
 * A temporary file is removed on failure and when lectern is stopped; one left by a lectern
 * that was killed outright is removed by the next write into its folder.
 */
async function replaceAtomically(target: string, produce: (temp: string) => Promise<void>): Promise<void> {
  const folder = dirname(target);
  await mkdir(folder, { recursive: true });
  removeOrphans(folder);
  counter += 1;
  const temp = join(folder, `.${basename(target)}.${process.pid}.${counter}.tmp`);
  const withdraw = whenStopping(() => rmSync(temp, { force: true }));
  try {
    await produce(temp);
    await rename(temp, target);
  } catch (cause) {
    await rm(temp, { force: true });
    throw cause;
  } finally {
    withdraw();
  }
}

/** Temporary files of processes that no longer run, once per folder and process. */
function removeOrphans(folder: string): void {
  if (swept.has(folder)) return;
  swept.add(folder);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid))) rmSync(join(folder, name), { force: true });
  }
}

export function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  return replaceAtomically(target, (temp) => writeFile(temp, content));
}

export function copyFileAtomic(source: string, target: string): Promise<void> {
  return replaceAtomically(target, (temp) => copyFile(source, temp));
}
