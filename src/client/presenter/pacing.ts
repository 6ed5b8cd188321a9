/**
 * The presenter view's clock arithmetic, free of the DOM: elapsed-time formatting and the
 * pacing indicator ("on time", "3 min behind", "2 min ahead").
 */

export type PaceState = 'on-time' | 'behind' | 'ahead';

export interface Pace {
  state: PaceState;
  /** Whole minutes behind or ahead (at least 1 when not on time; 0 when on time). */
  minutes: number;
  text: string;
}

/** Being within this many seconds of the plan counts as on time. */
export const ON_TIME_TOLERANCE_SECONDS = 30;

/**
 * Compares the elapsed time with the current slide's planned start. With `slideSeconds`, the
 * whole planned window of the slide counts as on time (being 4 minutes into a 5-minute slide is
 * not "4 min behind"); without it, only the planned start ±30 s does.
 */
export function pacing(elapsedSeconds: number, plannedStartSeconds: number, slideSeconds = 0): Pace {
  const tolerance = ON_TIME_TOLERANCE_SECONDS;
  const windowEnd = plannedStartSeconds + Math.max(0, slideSeconds);
  if (elapsedSeconds > windowEnd + tolerance) {
    const minutes = Math.max(1, Math.round((elapsedSeconds - windowEnd) / 60));
    return { state: 'behind', minutes, text: `${minutes} min behind` };
  }
  if (elapsedSeconds < plannedStartSeconds - tolerance) {
    const minutes = Math.max(1, Math.round((plannedStartSeconds - elapsedSeconds) / 60));
    return { state: 'ahead', minutes, text: `${minutes} min ahead` };
  }
  return { state: 'on-time', minutes: 0, text: 'on time' };
}

/** `4:05`, `12:00`, `1:02:03`: a stopwatch reading of whole seconds (negative counts as 0). */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `45 s`, `5 min`, `2 min 30 s`, `1 h 15 min`: a planned duration, rounded to the second. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} h`);
  if (m > 0) parts.push(`${m} min`);
  if (s > 0) parts.push(`${s} s`);
  return parts.join(' ');
}

/** `09:41`: the local wall clock, 24-hour. */
export function formatWallClock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
