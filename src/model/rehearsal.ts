/**
 * Rehearsals against the plan: the report `lectern rehearsal` prints, and writing the rehearsed
 * times back into the deck as `time=` (`--apply`). Pure: the caller reads and writes the files.
 */
import { parseAttributes } from '../deck/attributes.js';
import { FenceTracker } from '../deck/fences.js';
import type { RehearsalRecording } from '../server/protocol.js';
import type { Deck, Slide } from './deck.js';
import { formatDuration } from './duration.js';
import type { Schedule } from './schedule.js';

/** Differences smaller than this are noise, not "ran over" or "ran under". */
export const NOTABLE_DIFFERENCE_SECONDS = 15;
/** Rehearsed times are written back rounded to this step. */
export const TIME_STEP_SECONDS = 15;

export interface RehearsalSlideRow {
  index: number;
  h: number;
  v: number;
  title: string;
  /** The slide's planned time: the deck's current plan when it still has this slide, else the recorded plan. */
  plannedSeconds: number;
  actualSeconds: number;
  /** actual − planned: positive when the slide ran over. */
  differenceSeconds: number;
  /** False when a deck was given and its slide at this index has another title (or is gone). */
  inDeck: boolean;
}

export interface RehearsalSectionRow {
  h: number;
  /** Title of the section's first slide. */
  title: string;
  plannedSeconds: number;
  actualSeconds: number;
  differenceSeconds: number;
  slides: RehearsalSlideRow[];
}

export interface RehearsalActivityRow {
  id: string;
  title: string;
  slideIndex: number;
  plannedSeconds?: number;
  actualSeconds: number;
  differenceSeconds?: number;
}

export interface RehearsalTotals {
  plannedSeconds: number;
  actualSeconds: number;
  /** actual − planned. */
  differenceSeconds: number;
  /** The session's length (the deck's `duration`, else the recorded one). */
  durationSeconds?: number;
  /** actual − duration, when there is a duration. */
  overDurationSeconds?: number;
  /** Wall-clock time from start to finish, when both times can be read. */
  elapsedSeconds?: number;
}

export interface RehearsalReport {
  slug: string;
  title: string;
  startedAt: string;
  finishedAt: string;
  slides: RehearsalSlideRow[];
  sections: RehearsalSectionRow[];
  activities: RehearsalActivityRow[];
  totals: RehearsalTotals;
  /** Up to three slides that ran most over (by at least 15 s), most first. */
  over: RehearsalSlideRow[];
  /** Up to three slides that ran most under (by at least 15 s), most first. */
  under: RehearsalSlideRow[];
  /** Recorded slides the given deck no longer has at their index (title changed, slides moved). */
  mismatched: number;
  /** Slides of the given deck that the recording does not have. */
  unrecorded: number;
}

/** Titles compare without surrounding space and case: retyping a heading's case is no new slide. */
function sameTitle(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The deck's slide at a recorded slide's index, when its title still matches. */
function matchingSlide(deck: Deck | undefined, index: number, title: string): Slide | undefined {
  const slide = deck?.slides[index];
  return slide && slide.index === index && sameTitle(slide.title, title) ? slide : undefined;
}

/**
 * Compares a rehearsal with the plan. With the deck (and its schedule), a slide that is still
 * in the deck is compared with its current plan; otherwise with the plan recorded at the time.
 */
export function compareRehearsal(recording: RehearsalRecording, deck?: Deck, schedule?: Schedule): RehearsalReport {
  const planned = new Map(schedule?.entries.map((e) => [e.slideIndex, e.seconds]) ?? []);
  let mismatched = 0;
  const slides = [...recording.slides]
    .sort((a, b) => a.index - b.index)
    .map((recorded): RehearsalSlideRow => {
      const current = deck ? matchingSlide(deck, recorded.index, recorded.title) : undefined;
      if (deck && !current) mismatched += 1;
      const plannedSeconds = (current ? planned.get(current.index) : undefined) ?? recorded.plannedSeconds;
      return {
        index: recorded.index,
        h: recorded.h,
        v: recorded.v,
        title: recorded.title,
        plannedSeconds,
        actualSeconds: recorded.actualSeconds,
        differenceSeconds: recorded.actualSeconds - plannedSeconds,
        inDeck: deck === undefined || current !== undefined,
      };
    });

  const sections: RehearsalSectionRow[] = [];
  for (const row of slides) {
    let section = sections[sections.length - 1];
    if (!section || section.h !== row.h) {
      section = { h: row.h, title: row.title, plannedSeconds: 0, actualSeconds: 0, differenceSeconds: 0, slides: [] };
      sections.push(section);
    }
    section.slides.push(row);
    section.plannedSeconds += row.plannedSeconds;
    section.actualSeconds += row.actualSeconds;
    section.differenceSeconds = section.actualSeconds - section.plannedSeconds;
  }

  const plannedActivities = new Map<string, number>();
  for (const entry of schedule?.entries ?? []) {
    for (const a of entry.activities) if (a.seconds !== undefined) plannedActivities.set(a.id, a.seconds);
  }
  const activities = recording.activities.map((a): RehearsalActivityRow => {
    const plannedSeconds = plannedActivities.get(a.id) ?? a.plannedSeconds;
    const row: RehearsalActivityRow = { id: a.id, title: a.title, slideIndex: a.slideIndex, actualSeconds: a.actualSeconds };
    if (plannedSeconds !== undefined) {
      row.plannedSeconds = plannedSeconds;
      row.differenceSeconds = a.actualSeconds - plannedSeconds;
    }
    return row;
  });

  const plannedSeconds = slides.reduce((sum, s) => sum + s.plannedSeconds, 0);
  const actualSeconds = slides.reduce((sum, s) => sum + s.actualSeconds, 0);
  const totals: RehearsalTotals = { plannedSeconds, actualSeconds, differenceSeconds: actualSeconds - plannedSeconds };
  const durationSeconds = schedule?.durationSeconds ?? deck?.meta.durationSeconds ?? recording.durationSeconds;
  if (durationSeconds !== undefined) {
    totals.durationSeconds = durationSeconds;
    totals.overDurationSeconds = actualSeconds - durationSeconds;
  }
  const elapsed = (Date.parse(recording.finishedAt) - Date.parse(recording.startedAt)) / 1000;
  if (Number.isFinite(elapsed) && elapsed >= 0) totals.elapsedSeconds = Math.round(elapsed);

  const notable = slides.filter((s) => Math.abs(s.differenceSeconds) >= NOTABLE_DIFFERENCE_SECONDS);
  const over = notable.filter((s) => s.differenceSeconds > 0).sort((a, b) => b.differenceSeconds - a.differenceSeconds || a.index - b.index).slice(0, 3);
  const under = notable.filter((s) => s.differenceSeconds < 0).sort((a, b) => a.differenceSeconds - b.differenceSeconds || a.index - b.index).slice(0, 3);

  const recordedIndices = new Set(recording.slides.map((s) => s.index));
  const unrecorded = deck
    ? deck.slides.filter((s) => !recordedIndices.has(s.index) || !recording.slides.some((r) => r.index === s.index && sameTitle(r.title, s.title))).length
    : 0;

  return {
    slug: recording.slug,
    title: recording.title,
    startedAt: recording.startedAt,
    finishedAt: recording.finishedAt,
    slides,
    sections,
    activities,
    totals,
    over,
    under,
    mismatched,
    unrecorded,
  };
}

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
  const widths = header.map((h, i) => Math.min(i === 1 ? 44 : 12, Math.max(h.length, ...rows.map((r) => (r.cells[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : truncate(c, widths[i] ?? 0).padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  out.push(line(header));
  for (const row of rows) out.push(line(row.cells));
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
  out.push(...formatOutliers('Ran over most:', report.over, 'no slide ran over by 15s or more'));
  out.push('');
  out.push(...formatOutliers('Ran under most:', report.under, 'no slide ran under by 15s or more'));
  return out.join('\n');
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
  const width = Math.max(...rows.map((r) => slideNumber(r).length));
  return [
    heading,
    ...rows.map((r) =>
      `  ${slideNumber(r).padEnd(width)}  ${r.title}: ${formatDifference(r.differenceSeconds)} (planned ${formatDuration(r.plannedSeconds)}, actual ${formatDuration(r.actualSeconds)})`),
  ];
}

/**
 * Actual seconds by slide index, for the slides of `deck` the recording still matches (same
 * index, same title): what the instructor guide shows beside the plan.
 */
export function rehearsedSeconds(recording: RehearsalRecording, deck: Deck): Map<number, number> {
  const result = new Map<number, number>();
  for (const recorded of recording.slides) {
    if (matchingSlide(deck, recorded.index, recorded.title)) result.set(recorded.index, recorded.actualSeconds);
  }
  return result;
}

/** Rounds to the nearest 15 s. */
export function roundToStep(seconds: number, step = TIME_STEP_SECONDS): number {
  return Math.round(seconds / step) * step;
}

/** A time as the deck format writes it: `45s`, `5m`, `2m30s`, `1h`, `1h15m`, `1h15m30s`. */
export function formatDeckTime(totalSeconds: number): string {
  let rest = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const text = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
  return text === '' ? '0s' : text;
}

export interface ApplyResult {
  /** The deck's new text: byte for byte the old one except the lines that got a new time. */
  source: string;
  /** Slides whose time was written (a slide that already had the rehearsed time is not counted). */
  changed: number;
  /** Recorded slides the deck no longer has at their index under the same title. */
  skipped: number;
  /** Slides rehearsed for less than half a step (shown only in passing): left as they were. */
  tooShort: number;
}

interface SourceLine {
  text: string;
  eol: string;
}

/** As the parser reads them (slide-comments.ts), with the text before the attributes captured. */
const SLIDE_COMMENT = /(<!--\s*\.slide:?\s*)([\s\S]*?)\s*-->/g;
/** One attribute at a known offset, with its value's extent (quotes excluded). */
const PAIR_AT = /([A-Za-z_:][\w:.-]*)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

/**
 * Writes each rehearsed slide's time back into the deck text as `time=` in its `.slide`
 * comment (a new `<!-- .slide: time="…" -->` line opens a slide that has none). Slides are
 * matched by index and title; everything else in the text stays byte-identical.
 */
export function applyRehearsedTimes(source: string, deck: Deck, recording: RehearsalRecording): ApplyResult {
  const lines = splitLines(source);
  const eol = lines.find((l) => l.eol !== '')?.eol ?? '\n';
  /** New lines to insert before a line (0-based). */
  const inserts = new Map<number, string>();
  let changed = 0;
  let skipped = 0;
  let tooShort = 0;
  const recorded = new Map(recording.slides.map((s) => [s.index, s]));

  for (const slide of deck.slides) {
    if (slide.generated === 'title') continue;
    const rehearsal = recorded.get(slide.index);
    if (!rehearsal) continue;
    if (!sameTitle(rehearsal.title, slide.title)) {
      skipped += 1;
      continue;
    }
    const seconds = roundToStep(rehearsal.actualSeconds);
    if (seconds <= 0) {
      tooShort += 1;
      continue;
    }
    if (slide.timeSeconds === seconds) continue;
    const time = formatDeckTime(seconds);
    if (setTimeInComments(lines, slide, time, seconds)) {
      changed += 1;
      continue;
    }
    const first = firstContentLine(lines, slide);
    if (first === undefined) continue;
    inserts.set(first, `<!-- .slide: time="${time}" -->`);
    changed += 1;
  }

  const out: string[] = [];
  lines.forEach((line, i) => {
    const inserted = inserts.get(i);
    if (inserted !== undefined) {
      // A byte order mark stays the file's first character.
      if (i === 0 && line.text.startsWith('\uFEFF')) {
        out.push(`\uFEFF${inserted}${eol}${line.text.slice(1)}${line.eol}`);
        return;
      }
      out.push(`${inserted}${eol}`);
    }
    out.push(line.text + line.eol);
  });
  return { source: out.join(''), changed, skipped, tooShort };
}

/** Lines with their own line ends, so CRLF, LF and a missing final newline all survive. */
function splitLines(source: string): SourceLine[] {
  const parts = source.split(/(\r\n|\r|\n)/);
  const lines: SourceLine[] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push({ text: parts[i] ?? '', eol: parts[i + 1] ?? '' });
  return lines;
}

/** 0-based indices of the slide's lines outside fenced code, as the parser reads them. */
function slideLines(lines: readonly SourceLine[], slide: Slide): number[] {
  const fences = new FenceTracker();
  const result: number[] = [];
  for (let line = slide.position.line; line <= slide.endLine; line++) {
    const text = lines[line - 1]?.text;
    if (text === undefined) break;
    if (!fences.inCode(text)) result.push(line - 1);
  }
  return result;
}

/** The slide's first non-blank line (0-based): where a new `.slide` comment goes. */
function firstContentLine(lines: readonly SourceLine[], slide: Slide): number | undefined {
  for (let line = slide.position.line; line <= slide.endLine; line++) {
    const text = lines[line - 1]?.text;
    if (text === undefined) return undefined;
    if (text.replace(/^\uFEFF/, '').trim() !== '') return line - 1;
  }
  return undefined;
}

interface CommentAt {
  line: number;
  /** Offset of the attribute text within the line, and its length. */
  bodyStart: number;
  bodyLength: number;
}

/**
 * Sets the time in the slide's `.slide` comments: replaces every `time=` (and `data-timing=`,
 * which would otherwise compete with it) or, when none has one, appends ` time="…"` to the
 * last comment's attributes. Returns false when the slide has no `.slide` comment.
 */
function setTimeInComments(lines: SourceLine[], slide: Slide, time: string, seconds: number): boolean {
  const comments: CommentAt[] = [];
  for (const index of slideLines(lines, slide)) {
    const text = lines[index]?.text ?? '';
    if (!text.includes('.slide')) continue;
    for (const match of text.matchAll(SLIDE_COMMENT)) {
      const prefix = match[1] ?? '';
      const body = match[2] ?? '';
      comments.push({ line: index, bodyStart: (match.index ?? 0) + prefix.length, bodyLength: body.length });
    }
  }
  if (comments.length === 0) return false;

  let replaced = false;
  // From the end of each line backwards, so earlier offsets stay valid while editing.
  for (const comment of [...comments].reverse()) {
    const line = lines[comment.line];
    if (!line) continue;
    const body = line.text.slice(comment.bodyStart, comment.bodyStart + comment.bodyLength);
    const edits: { start: number; end: number; value: string }[] = [];
    for (const pair of parseAttributes(body).pairs) {
      if (pair.name !== 'time' && pair.name !== 'data-timing') continue;
      PAIR_AT.lastIndex = pair.offset;
      const m = PAIR_AT.exec(body);
      if (!m) continue;
      const value = pair.name === 'time' ? time : String(seconds);
      const nameEnd = pair.offset + (m[1] ?? pair.name).length;
      if (m[2] === undefined) {
        // `time` without a value: give it one.
        edits.push({ start: nameEnd, end: nameEnd, value: `="${value}"` });
      } else {
        const valueText = m[3] ?? m[4] ?? m[5] ?? '';
        const quoted = m[3] !== undefined || m[4] !== undefined;
        const valueStart = pair.offset + m[0].length - valueText.length - (quoted ? 1 : 0);
        edits.push({ start: valueStart, end: valueStart + valueText.length, value });
      }
      replaced = true;
    }
    let next = body;
    for (const edit of edits.reverse()) next = next.slice(0, edit.start) + edit.value + next.slice(edit.end);
    if (next !== body) line.text = line.text.slice(0, comment.bodyStart) + next + line.text.slice(comment.bodyStart + comment.bodyLength);
  }
  if (replaced) return true;

  const last = comments[comments.length - 1];
  const line = last ? lines[last.line] : undefined;
  if (!last || !line) return false;
  const end = last.bodyStart + last.bodyLength;
  const before = line.text.slice(0, end);
  const after = line.text.slice(end);
  // After the last attribute, or alone in an empty comment with a space on either side.
  const spaceBefore = /\s$/.test(before) ? '' : ' ';
  const spaceAfter = last.bodyLength === 0 && !/^\s/.test(after) ? ' ' : '';
  line.text = `${before}${spaceBefore}time="${time}"${spaceAfter}${after}`;
  return true;
}
