/**
 * Reads a planned time: `90s`, `5m`, `1h15m`, `2m30s`, `1.5h`, or a bare number of minutes.
 * Returns whole seconds, or undefined when the text is not a time.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 60);
  const match = /^(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)s)?$/.exec(value);
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
  return Number.isFinite(seconds) ? Math.round(seconds) : undefined;
}

export const DURATION_HINT = 'write a time as 90s, 5m, 1h15m, or a bare number of minutes';

/** `1h 05m`, `12m`, `45s`, `2m 30s`: short and unambiguous for tables and summaries. */
export function formatDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(totalSeconds));
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (h > 0) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0 && s > 0) return `${sign}${m}m ${String(s).padStart(2, '0')}s`;
  if (m > 0) return `${sign}${m}m`;
  return `${sign}${s}s`;
}

/** `h:mm` or `m:ss` clock-style offsets for planned start times. */
export function formatClock(totalSeconds: number): string {
  const total = Math.round(totalSeconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}
