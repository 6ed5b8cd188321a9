/**
 * Writing rehearsed times back into the deck as `time=` (`lectern rehearsal --apply`). Pure: the
 * caller reads and writes the file; only the lines that get a new time change.
 */
import { parseAttributes } from '../deck/attributes.js';
import { FenceTracker } from '../deck/fences.js';
import { findSlideComments } from '../deck/slide-comments.js';
import type { RehearsalRecording } from '../server/protocol.js';
import type { Deck, Slide } from './deck.js';
import { sameTitle } from './rehearsal-match.js';

/** Rehearsed times are written back rounded to this step. */
export const TIME_STEP_SECONDS = 15;

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

interface CommentAt {
  line: number;
  /** Offset of the attribute text within the line, and its length. */
  bodyStart: number;
  bodyLength: number;
}

/** One attribute at a known offset, with its value's extent (quotes excluded). */
const PAIR_AT = /([A-Za-z_:][\w:.-]*)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

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

/**
 * Writes each rehearsed slide's time back into the deck text as `time=` in its `.slide`
 * comment (a new `<!-- .slide: time="…" -->` line opens a slide that has none). Slides are
 * matched by index and title; everything else in the text stays byte-identical.
 */
export function applyRehearsedTimes(source: string, deck: Deck, recording: RehearsalRecording): ApplyResult {
  const lines = splitLines(source);
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
  return { source: joinLines(lines, inserts), changed, skipped, tooShort };
}

/** Lines with their own line ends, so CRLF, LF and a missing final newline all survive. */
function splitLines(source: string): SourceLine[] {
  const parts = source.split(/(\r\n|\r|\n)/);
  const lines: SourceLine[] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push({ text: parts[i] ?? '', eol: parts[i + 1] ?? '' });
  return lines;
}

/** The text again, with the new lines inserted (ended like the file's first line end). */
function joinLines(lines: readonly SourceLine[], inserts: ReadonlyMap<number, string>): string {
  const eol = lines.find((l) => l.eol !== '')?.eol ?? '\n';
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
  return out.join('');
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

/** The slide's `.slide` comments outside fenced code, in source order. */
function slideComments(lines: readonly SourceLine[], slide: Slide): CommentAt[] {
  const comments: CommentAt[] = [];
  for (const index of slideLines(lines, slide)) {
    const text = lines[index]?.text ?? '';
    if (!text.includes('.slide')) continue;
    for (const comment of findSlideComments(text)) comments.push({ line: index, bodyStart: comment.bodyStart, bodyLength: comment.body.length });
  }
  return comments;
}

/**
 * Sets the time in the slide's `.slide` comments: replaces every `time=` (and `data-timing=`,
 * which would otherwise compete with it) or, when none has one, appends ` time="…"` to the
 * last comment's attributes. Returns false when the slide has no `.slide` comment.
 */
function setTimeInComments(lines: SourceLine[], slide: Slide, time: string, seconds: number): boolean {
  const comments = slideComments(lines, slide);
  if (comments.length === 0) return false;
  let replaced = false;
  // From the end of each line backwards, so earlier offsets stay valid while editing.
  for (const comment of [...comments].reverse()) {
    if (replaceTimes(lines, comment, time, seconds)) replaced = true;
  }
  if (replaced) return true;
  return appendTime(lines, comments[comments.length - 1], time);
}

/** Gives the comment's `time=` and `data-timing=` attributes the new time; false when it has neither. */
function replaceTimes(lines: SourceLine[], comment: CommentAt, time: string, seconds: number): boolean {
  const line = lines[comment.line];
  if (!line) return false;
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
  }
  let next = body;
  for (const edit of [...edits].reverse()) next = next.slice(0, edit.start) + edit.value + next.slice(edit.end);
  if (next !== body) line.text = line.text.slice(0, comment.bodyStart) + next + line.text.slice(comment.bodyStart + comment.bodyLength);
  return edits.length > 0;
}

/** Appends ` time="…"` after the comment's last attribute. */
function appendTime(lines: SourceLine[], comment: CommentAt | undefined, time: string): boolean {
  const line = comment ? lines[comment.line] : undefined;
  if (!comment || !line) return false;
  const end = comment.bodyStart + comment.bodyLength;
  const before = line.text.slice(0, end);
  const after = line.text.slice(end);
  // After the last attribute, or alone in an empty comment with a space on either side.
  const spaceBefore = /\s$/.test(before) ? '' : ' ';
  const spaceAfter = comment.bodyLength === 0 && !/^\s/.test(after) ? ' ' : '';
  line.text = `${before}${spaceBefore}time="${time}"${spaceAfter}${after}`;
  return true;
}
