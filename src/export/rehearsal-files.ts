import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RehearsalRecording } from '../server/protocol.js';

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
    return isRehearsalRecording(value) ? normalize(value) : undefined;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isSlide(value: unknown): boolean {
  return (
    isRecord(value) &&
    isIndex(value.index) &&
    isIndex(value.h) &&
    isIndex(value.v) &&
    typeof value.title === 'string' &&
    (value.line === undefined || typeof value.line === 'number') &&
    isSeconds(value.plannedSeconds) &&
    isSeconds(value.actualSeconds)
  );
}

function isActivity(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    isIndex(value.slideIndex) &&
    (value.plannedSeconds === undefined || isSeconds(value.plannedSeconds)) &&
    isSeconds(value.actualSeconds)
  );
}

/** Checks the shape of a recording as the server writes it (protocol.ts, version 1). */
export function isRehearsalRecording(value: unknown): value is RehearsalRecording {
  return (
    isRecord(value) &&
    value.version === 1 &&
    typeof value.slug === 'string' &&
    typeof value.file === 'string' &&
    typeof value.title === 'string' &&
    typeof value.startedAt === 'string' &&
    typeof value.finishedAt === 'string' &&
    (value.durationSeconds === undefined || value.durationSeconds === null || isSeconds(value.durationSeconds)) &&
    isSeconds(value.plannedTotalSeconds) &&
    Array.isArray(value.slides) &&
    value.slides.every(isSlide) &&
    (value.activities === undefined || (Array.isArray(value.activities) && value.activities.every(isActivity)))
  );
}

/** Fills what a lenient reading allowed to be missing. */
function normalize(recording: RehearsalRecording): RehearsalRecording {
  const result: RehearsalRecording = { ...recording, activities: recording.activities ?? [] };
  if ((result as { durationSeconds?: number | null }).durationSeconds === null) delete result.durationSeconds;
  return result;
}
