import { formatClock, formatDuration } from '../model/duration.js';
import { DERIVED_TIME_MARK, derivedTimeLegend, isDerivedTime, type Schedule, type ScheduleEntry } from '../model/schedule.js';
import { escapeHtml } from './escape.js';

/** A planned time as the guide prints it: marked, as the terminal marks it, when lectern derived it. */
export function markedTime(entry: ScheduleEntry, format: (seconds: number) => string): string {
  return isDerivedTime(entry) ? `${format(entry.seconds)}<span class="print-derived">${DERIVED_TIME_MARK}</span>` : format(entry.seconds);
}

/** The schedule table, the legend of its marks under it when a time is derived. */
export function renderScheduleTable(schedule: Schedule, rehearsal: ReadonlyMap<number, number> | undefined): string {
  /** The "Rehearsed" cell of a row (only when there is a rehearsal). */
  const rehearsed = (seconds: number | undefined) =>
    rehearsal ? `<td class="num print-rehearsed">${seconds === undefined ? '–' : formatDuration(seconds)}</td>` : '';
  const rows = schedule.entries.map((entry) => {
    const activities = entry.activities
      .map((a) => `${escapeHtml(a.title)}${a.seconds === undefined ? '' : ` (${formatDuration(a.seconds)})`}`)
      .join('<br>');
    return `<tr><td class="num">${formatClock(entry.startSeconds)}</td><td class="num">${markedTime(entry, formatDuration)}</td>${rehearsed(rehearsal?.get(entry.slideIndex))}<td class="num">${entry.slideIndex + 1}</td><td>${escapeHtml(entry.title)}</td><td>${activities}</td></tr>`;
  });
  const rehearsedTotal = rehearsal
    ? schedule.entries.reduce((sum, e) => sum + (rehearsal.get(e.slideIndex) ?? 0), 0)
    : undefined;
  const rehearsedHead = rehearsal ? '<th class="num">Rehearsed</th>' : '';
  const legend = schedule.entries.some(isDerivedTime) ? `\n<p class="print-schedule__legend">${escapeHtml(derivedTimeLegend())}</p>` : '';
  return `<table class="print-schedule">
<thead><tr><th class="num">Start</th><th class="num">Time</th>${rehearsedHead}<th class="num">#</th><th>Slide</th><th>Activity</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><td class="num">${formatClock(schedule.totalSeconds)}</td><td class="num">${formatDuration(schedule.totalSeconds)}</td>${rehearsed(rehearsedTotal)}<td></td><td colspan="2">${renderTotal(schedule)}</td></tr></tfoot>
</table>${legend}`;
}

/**
 * The planned total against the deck's duration, so a plan that does not fit shows at once.
 * Derived shares fill the duration by construction, so with any of them the line says how much
 * was planned slide by slide and how much was shared out, never that the plan "fits exactly".
 */
export function renderTotal(schedule: Schedule): string {
  const total = schedule.totalSeconds;
  const duration = schedule.durationSeconds;
  const derived = schedule.entries.filter(isDerivedTime);
  const derivedSeconds = derived.reduce((sum, e) => sum + e.seconds, 0);
  const split = derived.length === 0
    ? ''
    : `${formatDuration(schedule.explicitSeconds)} set on slides and activities, ${formatDuration(derivedSeconds)}${DERIVED_TIME_MARK} shared by ${derived.length} slide${derived.length === 1 ? '' : 's'} without a time`;
  if (duration === undefined) return `Total ${formatDuration(total)} (no duration set)${split ? `: ${split}` : ''}`;
  const difference = Math.round(total - duration);
  const over = difference > 0 ? `<span class="print-over">${formatDuration(difference)} over</span>` : '';
  const comparison = split
    ? [split, over].filter(Boolean).join('; ')
    : over || (difference === 0 ? 'fits exactly' : `${formatDuration(-difference)} to spare`);
  return `Total ${formatDuration(total)} of ${formatDuration(duration)} duration: ${comparison}`;
}
