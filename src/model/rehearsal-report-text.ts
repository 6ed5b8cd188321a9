/**
 * The rehearsal report as the text `lectern rehearsal` prints: an aligned table of slides with
 * section subtotals, the totals, the activities and the slides that ran most over and under.
 */
import { append } from './append.js';
import { formatDuration } from './duration.js';
import type { RehearsalReport, RehearsalSlideRow, RehearsalTotals } from './rehearsal-report.js';

/** `+1m 10s`, `-30s`, `0s`: a difference with its sign. */
export function formatDifference(seconds: number): string {
  const rounded = Math.round(seconds);
  if (rounded === 0) return '0s';
  return rounded > 0 ? `+${formatDuration(rounded)}` : formatDuration(rounded);
}

function slideNumber(row: { h: number; v: number }): string {
  return `${row.h + 1}${row.v > 0 ? `.${row.v + 1}` : ''}`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** `2024-05-02 14:03` from an ISO time (as recorded, no time zone arithmetic). */
function shortTime(iso: string): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}

/** The report as an aligned text table, with section subtotals, the totals and the outliers. */
export function formatRehearsalReport(report: RehearsalReport): string {
  const out: string[] = [];
  out.push(`Rehearsal of ${report.title || report.slug}, ${shortTime(report.startedAt)} → ${shortTime(report.finishedAt)}`);
  out.push('');
  append(out, formatTable(report));
  out.push('');
  out.push(formatTotals(report.totals));
  if (report.mismatched > 0) {
    out.push(`${report.mismatched} recorded slide${report.mismatched === 1 ? '' : 's'} no longer match${report.mismatched === 1 ? 'es' : ''} the deck (title changed or slides moved): compared with the plan of the recording`);
  }
  if (report.unrecorded > 0) out.push(`${report.unrecorded} slide${report.unrecorded === 1 ? '' : 's'} of the deck ${report.unrecorded === 1 ? 'is' : 'are'} not in this recording`);

  if (report.activities.length > 0) {
    out.push('');
    out.push('Activities:');
    for (const a of report.activities) {
      const plan = a.plannedSeconds === undefined ? 'no time planned' : `planned ${formatDuration(a.plannedSeconds)}`;
      const diff = a.differenceSeconds === undefined ? '' : ` (${formatDifference(a.differenceSeconds)})`;
      out.push(`  ${a.title}: ${plan}, actual ${formatDuration(a.actualSeconds)}${diff}`);
    }
  }

  out.push('');
  append(out, formatOutliers('Ran over most:', report.over, 'no slide ran over by 15s or more'));
  out.push('');
  append(out, formatOutliers('Ran under most:', report.under, 'no slide ran under by 15s or more'));
  return out.join('\n');
}

/** The slide table's lines: a header, a row per slide and a subtotal per section of several slides. */
function formatTable(report: RehearsalReport): string[] {
  const rows: { cells: string[] }[] = [];
  for (const section of report.sections) {
    for (const s of section.slides) {
      rows.push({ cells: [slideNumber(s), s.title + (s.inDeck ? '' : ' (not in the deck now)'), formatDuration(s.plannedSeconds), formatDuration(s.actualSeconds), formatDifference(s.differenceSeconds)] });
    }
    if (section.slides.length > 1) {
      rows.push({
        cells: ['', `  section ${section.title}`, formatDuration(section.plannedSeconds), formatDuration(section.actualSeconds), formatDifference(section.differenceSeconds)],
      });
    }
  }
  const header = ['#', 'slide', 'planned', 'actual', '±'];
  const widths = header.map((h, i) => Math.min(i === 1 ? 44 : 12, rows.reduce((widest, r) => Math.max(widest, (r.cells[i] ?? '').length), h.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : truncate(c, widths[i] ?? 0).padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map((row) => line(row.cells))];
}

/** `actual 1h 34m against a plan of 1h 30m and a duration of 1h 30m (+4m)`. */
export function formatTotals(totals: RehearsalTotals): string {
  const actual = `actual ${formatDuration(totals.actualSeconds)}`;
  const plan = `a plan of ${formatDuration(totals.plannedSeconds)}`;
  if (totals.durationSeconds === undefined) return `${actual} against ${plan} (${formatDifference(totals.differenceSeconds)})`;
  const duration = `a duration of ${formatDuration(totals.durationSeconds)}`;
  const overDuration = formatDifference(totals.overDurationSeconds ?? totals.actualSeconds - totals.durationSeconds);
  if (totals.plannedSeconds === totals.durationSeconds) return `${actual} against ${plan} and ${duration} (${overDuration})`;
  return `${actual} against ${plan} (${formatDifference(totals.differenceSeconds)}) and ${duration} (${overDuration})`;
}

function formatOutliers(heading: string, rows: readonly RehearsalSlideRow[], none: string): string[] {
  if (rows.length === 0) return [`${heading} ${none}`];
  const width = rows.reduce((widest, r) => Math.max(widest, slideNumber(r).length), -Infinity);
  return [
    heading,
    ...rows.map((r) =>
      `  ${slideNumber(r).padEnd(width)}  ${r.title}: ${formatDifference(r.differenceSeconds)} (planned ${formatDuration(r.plannedSeconds)}, actual ${formatDuration(r.actualSeconds)})`),
  ];
}
