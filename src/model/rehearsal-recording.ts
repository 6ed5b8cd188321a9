/**
 * The one check of a rehearsal recording's shape, for a recording the presenter view sends and
 * for one read back from rehearsals/: lenient where older files may differ (no activities, a
 * null duration), bounded in size. Pure.
 */
import type { RehearsalRecording } from '../server/protocol.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bounds that keep a recording from a browser (or a hand-edited file) a sane size. */
const MAX_TEXT = 500;
const MAX_SLIDES = 10_000;
const MAX_SECONDS = 7 * 24 * 3600;

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < MAX_SECONDS;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 100_000;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isSlide(value: unknown): boolean {
  return (
    isRecord(value) &&
    isIndex(value.index) &&
    isIndex(value.h) &&
    isIndex(value.v) &&
    isText(value.title) &&
    (value.line === undefined || typeof value.line === 'number') &&
    isSeconds(value.plannedSeconds) &&
    isSeconds(value.actualSeconds)
  );
}

function isActivity(value: unknown): boolean {
  return (
    isRecord(value) &&
    isText(value.id) &&
    isText(value.title) &&
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
    isText(value.slug) &&
    typeof value.file === 'string' &&
    isText(value.title) &&
    isText(value.startedAt) &&
    isText(value.finishedAt) &&
    (value.durationSeconds === undefined || value.durationSeconds === null || isSeconds(value.durationSeconds)) &&
    isSeconds(value.plannedTotalSeconds) &&
    Array.isArray(value.slides) &&
    value.slides.length <= MAX_SLIDES &&
    value.slides.every(isSlide) &&
    (value.activities === undefined || (Array.isArray(value.activities) && value.activities.length <= MAX_SLIDES && value.activities.every(isActivity)))
  );
}

/** Fills what a lenient reading allowed to be missing. */
export function normalizeRecording(recording: RehearsalRecording): RehearsalRecording {
  const result: RehearsalRecording = { ...recording, activities: recording.activities ?? [] };
  if ((result as { durationSeconds?: number | null }).durationSeconds === null) delete result.durationSeconds;
  return result;
}
