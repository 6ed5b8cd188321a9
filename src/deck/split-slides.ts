import type { Position } from '../model/deck.js';
import { cutsProtected, findProtectedRanges, type ProtectedRange } from './protected-ranges.js';
import type { CompiledSeparators } from './separators.js';

/** Where a notes separator stands in a chunk: the slide's text ends at `start`, its notes begin at `end`. */
export interface NotesCut {
  start: Position;
  end: Position;
}

export interface SlideChunk {
  /** reveal.js indices. */
  h: number;
  v: number;
  /** Line number (1-based) of the chunk's first line. */
  startLine: number;
  /** Column of the first line's first character (1 unless a separator ended mid-line). */
  startColumn: number;
  lines: string[];
  /** Notes separators in this chunk, outside code and comments, in order. */
  notesCuts: NotesCut[];
}

export interface SplitResult {
  chunks: SlideChunk[];
  /** The code and comment stretches of the body, for later checks that must skip them too. */
  ranges: ProtectedRange[];
}

/**
 * Cuts the deck body into slides at every match of the separators, as reveal.js's markdown
 * plugin does, except where a match cuts into fenced or indented code or an HTML comment. A
 * chunk that holds only blank lines (e.g. before a leading separator) is dropped.
 */
export function splitSlides(body: string, firstLine: number, separators: CompiledSeparators): SplitResult {
  const ranges = findProtectedRanges(body);
  const locate = locator(body, firstLine);
  const chunks: SlideChunk[] = [];
  let h = 0;
  let v = 0;
  let from = 0;
  const cut = (to: number, next: 'horizontal' | 'vertical') => {
    const chunk = makeChunk(body, from, to, { h, v }, locate, ranges, separators.notes);
    if (chunk) {
      chunks.push(chunk);
      if (next === 'horizontal') {
        h++;
        v = 0;
      } else v++;
    }
  };
  const pattern = separators.slides;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    const end = match.index + match[0].length;
    if (match[0].length === 0) {
      pattern.lastIndex = match.index + 1;
      // An empty match (a lookahead such as Marp's heading divider) cuts only at a line start.
      if (match.index > 0 && body[match.index - 1] !== '\n') continue;
    }
    if (cutsProtected(ranges, match.index, Math.max(end, match.index + 1))) continue;
    cut(match.index, separators.horizontal.test(match[0]) ? 'horizontal' : 'vertical');
    from = end;
  }
  cut(body.length, 'horizontal');
  return { chunks, ranges };
}

function makeChunk(
  body: string,
  start: number,
  end: number,
  place: { h: number; v: number },
  locate: (offset: number) => Position,
  ranges: readonly ProtectedRange[],
  notes: RegExp,
): SlideChunk | undefined {
  let from = start;
  // A separator that ended before its line did leaves that line's rest: blank, it belongs to no slide.
  const firstBreak = body.indexOf('\n', from);
  if (firstBreak >= 0 && firstBreak < end && body.slice(from, firstBreak).trim() === '') from = firstBreak + 1;
  const text = body.slice(from, end);
  if (text.trim() === '') return undefined;
  const position = locate(from);
  return {
    ...place,
    startLine: position.line,
    startColumn: position.column,
    lines: text.split('\n'),
    notesCuts: findNotesCuts(text, from, notes, ranges, locate),
  };
}

function findNotesCuts(text: string, offset: number, notes: RegExp, ranges: readonly ProtectedRange[], locate: (offset: number) => Position): NotesCut[] {
  const cuts: NotesCut[] = [];
  notes.lastIndex = 0;
  for (let match = notes.exec(text); match; match = notes.exec(text)) {
    if (match[0].length === 0) {
      notes.lastIndex = match.index + 1;
      continue;
    }
    const start = offset + match.index;
    const end = start + match[0].length;
    if (!cutsProtected(ranges, start, end)) cuts.push({ start: locate(start), end: locate(end) });
  }
  return cuts;
}

/** Offset in the body → line and column in the deck file. */
export function locator(body: string, firstLine: number): (offset: number) => Position {
  const starts = [0];
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: firstLine + low, column: offset - (starts[low] ?? 0) + 1 };
  };
}
