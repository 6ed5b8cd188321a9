/** Seconds in one of each unit people write after a number. */
const UNIT_SECONDS: ReadonlyMap<string, number> = new Map([
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((word) => [word, 3600] as const),
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((word) => [word, 60] as const),
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((word) => [word, 1] as const),
]);

/**
 * One `number [+] [unit]` part, read where the last one ended. Sticky and with no nested
 * quantifiers, so each part costs its own length: the whole read stays linear in the text
 * (a time comes from the deck's author, but a 100 kB line must not stall a build).
 */
const PART = String.raw`\s*(\d+(?:\.\d+)?)\s*\+?\s*([a-z]*)`;

/** `1:30` is hours and minutes (as a timetable says), `1:30:15` adds seconds. */
const CLOCK = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * Reads a planned time as people write it: `90s`, `5m`, `45 min`, `45 minutes`, `1 hr`,
 * `1.5 hours`, `1h30`, `1h 30m`, `2m30s`, `1:30` (h:mm), `45+ mins` (the plus is ignored), or
 * a bare number of minutes; case does not matter. Returns whole seconds, or undefined when
 * the text is not a time; zero is not one either (nothing to plan or count down).
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  const clock = CLOCK.exec(value);
  const seconds = clock ? clockSeconds(clock) : partsSeconds(value);
  return seconds !== undefined && Number.isFinite(seconds) && Math.round(seconds) > 0 ? Math.round(seconds) : undefined;
}

function clockSeconds(match: RegExpExecArray): number {
  const [, h = '0', m = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/**
 * `1h 30m`, `2m30s`, `1h30`: parts with units from larger to smaller, each unit once. A number
 * without a unit is minutes when alone, else the unit below the one before it (`1h30`), and
 * only last: `90 30` says nothing clear.
 */
function partsSeconds(value: string): number | undefined {
  if (value === '') return undefined;
  let total = 0;
  let previousUnit = Infinity;
  const part = new RegExp(PART, 'y');
  while (part.lastIndex < value.length) {
    const match = part.exec(value);
    if (!match) return undefined;
    const [, amount = '', word = ''] = match;
    const bare = word === '';
    if (bare && part.lastIndex < value.length) return undefined;
    const unit = bare ? bareUnit(previousUnit) : UNIT_SECONDS.get(word);
    if (unit === undefined || unit >= previousUnit) return undefined;
    total += Number(amount) * unit;
    previousUnit = unit;
  }
  return total;
}

/** The unit of a number written without one: minutes alone, else one step below the last. */
function bareUnit(previousUnit: number): number | undefined {
  if (previousUnit === Infinity) return 60;
  if (previousUnit === 3600) return 60;
  if (previousUnit === 60) return 1;
  return undefined;
}

export const DURATION_HINT = 'write a time as 90s, 5m, 45 min, 1h30, 1.5 hours, 1:30 (hours:minutes), or a bare number of minutes';

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
