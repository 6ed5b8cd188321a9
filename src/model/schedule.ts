import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import { formatDuration } from './duration.js';
import { type Deck, slideActivities } from './deck.js';

/** reveal.js's speaker view gives a slide without timing two minutes. */
export const REVEAL_DEFAULT_SLIDE_SECONDS = 120;

/** Where a slide's planned time came from. */
export type TimeSource = 'slide' | 'activity' | 'share' | 'default';

/**
 * A time lectern worked out for a slide with no `time=` of its own or of its activities: an
 * equal share of what the duration leaves, or reveal's default. The terminal and the guide mark
 * such times with DERIVED_TIME_MARK and explain it with derivedTimeLegend, so neither passes
 * a share off as a time the author planned.
 */
export function isDerivedTime(entry: Pick<ScheduleEntry, 'source'>): boolean {
  return entry.source === 'share' || entry.source === 'default';
}

export const DERIVED_TIME_MARK = '*';

/** What the mark means: `* no time set: an equal share of what the duration leaves, or 2m without a duration`. */
export function derivedTimeLegend(): string {
  return `${DERIVED_TIME_MARK} no time set: an equal share of what the duration leaves, or ${formatDuration(REVEAL_DEFAULT_SLIDE_SECONDS)} without a duration`;
}

export interface ScheduleEntry {
  slideIndex: number;
  h: number;
  v: number;
  /** Title of the first slide of the slide's horizontal stack. */
  section: string;
  title: string;
  /** Planned start, in seconds from the beginning of the session. */
  startSeconds: number;
  seconds: number;
  source: TimeSource;
  activities: { id: string; title: string; seconds?: number }[];
}

export interface Schedule {
  entries: ScheduleEntry[];
  totalSeconds: number;
  /** The deck's `duration`, if it has one. */
  durationSeconds?: number;
  /** Sum of the times set on slides and activities. */
  explicitSeconds: number;
  /** How far the explicit times exceed `duration` (0 when they fit). */
  overrunSeconds: number;
  activityCount: number;
}

/**
 * Plans the session: a slide's time is its own `time=`, else its activities' times, else an
 * equal share of what `duration` leaves (or reveal's default without a duration).
 */
export function planSchedule(deck: Deck): { schedule: Schedule; diagnostics: Diagnostic[] } {
  const planned = deck.slides.map((slide) => {
    if (slide.timeSeconds !== undefined) return { seconds: slide.timeSeconds, source: 'slide' as const };
    const times = slideActivities(slide).map((a) => a.durationSeconds ?? 0);
    const sum = times.reduce((a, b) => a + b, 0);
    return sum > 0 ? { seconds: sum, source: 'activity' as const } : undefined;
  });
  const explicitSeconds = planned.reduce((sum, p) => sum + (p?.seconds ?? 0), 0);
  const unplanned = planned.filter((p) => p === undefined).length;
  const duration = deck.meta.durationSeconds;
  const share = duration !== undefined ? Math.max(0, duration - explicitSeconds) / Math.max(1, unplanned) : REVEAL_DEFAULT_SLIDE_SECONDS;
  const shareSource: TimeSource = duration !== undefined ? 'share' : 'default';

  const sectionTitles = new Map<number, string>();
  for (const slide of deck.slides) if (!sectionTitles.has(slide.h)) sectionTitles.set(slide.h, slide.title);

  let start = 0;
  const entries = deck.slides.map((slide, i): ScheduleEntry => {
    const plan = planned[i] ?? { seconds: share, source: shareSource };
    const entry: ScheduleEntry = {
      slideIndex: slide.index,
      h: slide.h,
      v: slide.v,
      section: sectionTitles.get(slide.h) ?? slide.title,
      title: slide.title,
      startSeconds: start,
      seconds: plan.seconds,
      source: plan.source,
      activities: slideActivities(slide).map((a) =>
        a.durationSeconds === undefined ? { id: a.id, title: a.title } : { id: a.id, title: a.title, seconds: a.durationSeconds },
      ),
    };
    start += plan.seconds;
    return entry;
  });

  const overrunSeconds = duration !== undefined ? Math.max(0, explicitSeconds - duration) : 0;
  const diagnostics: Diagnostic[] = [];
  if (duration !== undefined && overrunSeconds > 0) {
    diagnostics.push(
      warning('schedule-overrun',
        `${deck.file}: planned times add up to ${formatDuration(explicitSeconds)}, ${formatDuration(overrunSeconds)} more than the duration of ${formatDuration(duration)}`,
        { file: deck.file, ...(deck.meta.positions.duration ?? { line: 1, column: 1 }) },
        'shorten some `time=` values or raise `duration`'),
    );
  }
  const schedule: Schedule = {
    entries,
    totalSeconds: start,
    explicitSeconds,
    overrunSeconds,
    activityCount: entries.reduce((n, e) => n + e.activities.length, 0),
  };
  if (duration !== undefined) schedule.durationSeconds = duration;
  return { schedule, diagnostics };
}
