import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { CompiledDeck } from '../export/compile-deck.js';
import { formatClock, formatDuration } from '../model/duration.js';
import { DERIVED_TIME_MARK, derivedTimeLegend, isDerivedTime, type Schedule } from '../model/schedule.js';

export function useColor(values: Record<string, unknown>, stream: NodeJS.WriteStream): boolean {
  return !values['no-color'] && !process.env.NO_COLOR && stream.isTTY === true;
}

/** Every diagnostic of a deck, in source order, each with its code frame and hint; a repeat is counted, not printed again. */
export function printDiagnostics(compiled: CompiledDeck, color: boolean): void {
  for (const text of deckDiagnosticsText(compiled, color)) process.stderr.write(`${text}\n`);
}

/** What printDiagnostics prints, one string per distinct diagnostic (the deck fuzzer checks this too). */
export function deckDiagnosticsText(compiled: Pick<CompiledDeck, 'diagnostics' | 'source'>, color: boolean): string[] {
  const sorted = [...compiled.diagnostics].sort(compareDiagnostics);
  return formatDiagnostics(sorted, compiled.source === undefined ? { color } : { color, source: compiled.source });
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

/** `, 2 warnings` after a deck's ✓, or nothing. */
export function describeWarnings(warnings: number): string {
  return warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `24 slides, 3 activities, planned 1h 25m of 1h 30m`. */
export function describeDeck(compiled: CompiledDeck): string {
  const { deck, schedule } = compiled;
  if (!deck || !schedule) return 'not read';
  const planned = schedule.durationSeconds !== undefined
    ? `planned ${formatDuration(schedule.totalSeconds)} of ${formatDuration(schedule.durationSeconds)}`
    : `planned ${formatDuration(schedule.totalSeconds)} (no duration set)`;
  return `${plural(deck.slides.length, 'slide')}, ${plural(schedule.activityCount, 'activity').replace('activitys', 'activities')}, ${planned}`;
}

/** The schedule as an aligned text table: start, time, section, slide, activity. */
export function formatSchedule(schedule: Schedule): string {
  const rows = schedule.entries.map((e) => [
    formatClock(e.startSeconds),
    formatDuration(e.seconds) + (isDerivedTime(e) ? DERIVED_TIME_MARK : ''),
    `${e.h + 1}${e.v > 0 ? `.${e.v + 1}` : ''}`,
    e.v === 0 ? e.section : '',
    e.title,
    e.activities.map((a) => `${a.title}${a.seconds ? ` (${formatDuration(a.seconds)})` : ''}`).join(', '),
  ]);
  const header = ['start', 'time', '#', 'section', 'slide', 'activity'];
  // A loop, not Math.max(...rows): a deck of 150,000 slides has more rows than a call takes arguments.
  const widths = header.map((h, i) => Math.min(36, rows.reduce((widest, r) => Math.max(widest, (r[i] ?? '').length), h.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padStart(widths[i] ?? 0) : truncate(c, widths[i] ?? 0).padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const total = schedule.durationSeconds !== undefined
    ? `total ${formatDuration(schedule.totalSeconds)} of ${formatDuration(schedule.durationSeconds)}`
    : `total ${formatDuration(schedule.totalSeconds)}`;
  const note = schedule.entries.some(isDerivedTime) ? `  (${derivedTimeLegend()})` : '';
  return [line(header), ...rows.map(line), `${total}${note}`].join('\n');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

// Kept in a file of its own so that help can say where the docs are without loading this one.
export { displayPath } from './display-path.js';
