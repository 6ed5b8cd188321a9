import { FenceTracker } from './fences.js';

/** A stretch of the deck text no separator may cut: code, or a closed HTML comment. */
export interface ProtectedRange {
  kind: 'code' | 'comment';
  /** Offsets into the text: [start, end). A code range ends before its last line's newline. */
  start: number;
  end: number;
}

const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const INDENTED = /^(?: {4}|\t)/;

/**
 * Fenced code, indented code and closed HTML comments, in order. Slide and notes separators are
 * looked for everywhere else (a `---` in a code sample or in a commented-out slide never cuts).
 * An unclosed `<!--` protects nothing: the raw-HTML check reports it at its line instead.
 * Linear in the text: one pass over the lines, and comment ends are found with indexOf.
 */
export function findProtectedRanges(text: string): ProtectedRange[] {
  const ranges: ProtectedRange[] = [];
  const fences = new FenceTracker();
  let offset = 0;
  let codeStart = -1;
  let previousBlank = true;
  let inList = false;
  let indentedStart = -1;
  let indentedEnd = -1;
  let commentEnd = -1;
  const lastClose = text.lastIndexOf('-->');
  const openers = new NextIndex(text, '<!--');
  const backticks = new NextIndex(text, '`');
  const closeIndented = () => {
    if (indentedStart >= 0) ranges.push({ kind: 'code', start: indentedStart, end: indentedEnd });
    indentedStart = -1;
  };
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(offset, lineEnd);
    const blank = line.trim() === '';
    if (offset < commentEnd) {
      // Inside a comment opened on an earlier line: its range is already recorded.
    } else if (fences.inCode(line)) {
      closeIndented();
      if (codeStart < 0) codeStart = offset;
      if (!fences.isOpen) {
        ranges.push({ kind: 'code', start: codeStart, end: lineEnd });
        codeStart = -1;
      }
    } else if (INDENTED.test(line) && !blank && (indentedStart >= 0 || (previousBlank && !inList))) {
      if (indentedStart < 0) indentedStart = offset;
      indentedEnd = lineEnd;
    } else {
      if (!blank) closeIndented();
      if (!blank) inList = LIST_ITEM.test(line) || (inList && /^\s/.test(line));
      commentEnd = findComments(text, offset, lineEnd, lastClose, ranges, openers, backticks);
    }
    previousBlank = blank;
    if (newline < 0) break;
    offset = newline + 1;
  }
  closeIndented();
  // A fence never closed runs to the end of the text, as CommonMark reads it.
  if (codeStart >= 0) ranges.push({ kind: 'code', start: codeStart, end: text.length });
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * Records the closed comments that start on this line (outside code spans); returns where the
 * last one ends. Backtick runs are counted once along the line, and a `<!--` after the text's
 * last `-->` is known to be unclosed without a search: the scan stays linear.
 */
function findComments(text: string, lineStart: number, lineEnd: number, lastClose: number, ranges: ProtectedRange[], openers: NextIndex, backticks: NextIndex): number {
  let from = lineStart;
  let backtickRuns = 0;
  let counted = lineStart;
  let end = -1;
  for (;;) {
    const open = openers.from(from);
    if (open < 0 || open >= lineEnd || open + 4 > lastClose) return end;
    backtickRuns += countBacktickRuns(text, counted, open, backticks);
    counted = open;
    if (backtickRuns % 2 === 1) {
      from = open + 4;
      continue;
    }
    const close = text.indexOf('-->', open + 4);
    end = close + 3;
    ranges.push({ kind: 'comment', start: open, end });
    if (end > lineEnd) return end;
    // The comment's own text holds no backticks that count.
    counted = end;
    from = end;
  }
}

/** Runs of backticks in text[from, to): an odd count before a `<!--` puts it inside a code span. */
function countBacktickRuns(text: string, from: number, to: number, backticks: NextIndex): number {
  let runs = 0;
  for (let i = backticks.from(from); i >= 0 && i < to; i = backticks.from(i)) {
    runs++;
    while (text[i] === '`') i++;
  }
  return runs;
}

/**
 * `text.indexOf(what, from)` for `from` that only grows, each answer kept until it is passed:
 * a line without `<!--` no longer searches the rest of the file (150,000 lines took 1.4 s).
 */
class NextIndex {
  private found = -1;
  private searchedFrom = Infinity;

  constructor(
    private readonly text: string,
    private readonly what: string,
  ) {}

  from(position: number): number {
    // The last answer holds for any position between where it was searched from and where it is.
    const known = position >= this.searchedFrom && (this.found < 0 || position <= this.found);
    if (!known) {
      this.searchedFrom = position;
      this.found = this.text.indexOf(this.what, position);
    }
    return this.found;
  }
}

/**
 * Whether [start, end) cuts into protected text. A comment lying wholly inside the match is the
 * separator itself (`<!--s-->`), which is allowed.
 */
export function cutsProtected(ranges: readonly ProtectedRange[], start: number, end: number): boolean {
  let low = 0;
  let high = ranges.length;
  // The first range that ends after `start`.
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((ranges[mid]?.end ?? 0) <= start) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < ranges.length; i++) {
    const range = ranges[i] as ProtectedRange;
    if (range.start >= Math.max(end, start + 1)) return false;
    if (range.kind === 'comment' && range.start >= start && range.end <= end) continue;
    return true;
  }
  return false;
}
