import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRehearsalRecording, normalizeRecording } from '../model/rehearsal-recording.js';
import type { RehearsalRecording } from '../server/protocol.js';

export { isRehearsalRecording };

/** The folder the live server writes a deck's rehearsals to: `rehearsals/<slug>/`. */
export const REHEARSALS_DIR = 'rehearsals';

export interface RehearsalFile {
  /** Path of the recording (the folder joined with its name). */
  file: string;
  recording: RehearsalRecording;
}

/**
 * The recordings of a deck, newest first: the server names them by their ISO start time, so
 * name order is time order. Temporary files of a write in progress are not `.json` and so not listed.
 */
export async function listRehearsalFiles(slug: string, dir = REHEARSALS_DIR): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, slug));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw cause;
  }
  return names
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .reverse()
    .map((name) => join(dir, slug, name));
}

/** Reads one recording; undefined when the file is missing, not JSON or not a recording. */
export async function readRehearsal(file: string): Promise<RehearsalRecording | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return isRehearsalRecording(value) ? normalizeRecording(value) : undefined;
  } catch {
    return undefined;
  }
}

/** The newest readable recording of a deck, with its path; broken files are passed over. */
export async function latestRehearsalFile(slug: string, dir = REHEARSALS_DIR): Promise<RehearsalFile | undefined> {
  for (const file of await listRehearsalFiles(slug, dir)) {
    const recording = await readRehearsal(file);
    if (recording) return { file, recording };
  }
  return undefined;
}

/** The newest readable recording of a deck (`rehearsals/<slug>/*.json`), if there is one. */
export async function latestRehearsal(slug: string, dir = REHEARSALS_DIR): Promise<RehearsalRecording | undefined> {
  return (await latestRehearsalFile(slug, dir))?.recording;
}
