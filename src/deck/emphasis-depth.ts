import { MAX_NESTING } from './nesting-depth.js';

/**
 * How many emphasis markers (`*`, `_`, `~`) may be open at once in one paragraph: a level of
 * `**strong**` takes two, so this is MAX_NESTING levels. marked reads each level by calling
 * itself, re-reading the text inside: 4,000 `*` before a word and after it overflow the stack.
 */
export const MAX_OPEN_EMPHASIS = 2 * MAX_NESTING;

const DELIMITERS = new Set(['*', '_', '~']);

/**
 * Where the emphasis markers still open first pass `limit` in one run of inline text (a
 * paragraph, heading or table cell, as marked queues them), counted without recursion: a run
 * of markers before a non-blank opens that many, a run after a non-blank first closes what is
 * open of its kind. Code spans are skipped; escaped markers never count. Counts at least as
 * deep as marked nests.
 */
export function findDeepEmphasis(text: string, limit = MAX_OPEN_EMPHASIS): number | undefined {
  if (text.length <= limit) return undefined;
  const open: Record<string, number> = { '*': 0, _: 0, '~': 0 };
  const codeSpans = new CodeSpanFinder(text);
  for (let i = 0; i < text.length;) {
    const c = text[i] ?? '';
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = codeSpans.endOfSpanAt(i);
      i = end;
      continue;
    }
    if (!DELIMITERS.has(c)) {
      i++;
      continue;
    }
    let j = i;
    while (text[j] === c) j++;
    const before = text[i - 1];
    const after = text[j];
    let run = j - i;
    if (before !== undefined && !/\s/.test(before)) {
      const closed = Math.min(open[c] ?? 0, run);
      open[c] = (open[c] ?? 0) - closed;
      run -= closed;
    }
    if (after !== undefined && !/\s/.test(after) && run > 0) {
      open[c] = (open[c] ?? 0) + run;
      if ((open['*'] ?? 0) + (open._ ?? 0) + (open['~'] ?? 0) > limit) return i;
    }
    i = j;
  }
  return undefined;
}

/**
 * Code spans as CommonMark reads them: a run of backticks up to the next run of the same length.
 * Every run is listed once, by length; a search only moves forward, so the scan stays linear.
 */
class CodeSpanFinder {
  private readonly runsByLength = new Map<number, number[]>();
  private readonly next = new Map<number, number>();

  constructor(private readonly text: string) {
    for (let at = text.indexOf('`'); at >= 0; ) {
      let end = at;
      while (text[end] === '`') end++;
      const starts = this.runsByLength.get(end - at) ?? [];
      starts.push(at);
      this.runsByLength.set(end - at, starts);
      at = text.indexOf('`', end);
    }
  }

  /** Just after the code span that starts at `at`, or after the backticks alone when none closes there. */
  endOfSpanAt(at: number): number {
    let open = at;
    while (this.text[open] === '`') open++;
    const length = open - at;
    const starts = this.runsByLength.get(length) ?? [];
    let index = this.next.get(length) ?? 0;
    while (index < starts.length && (starts[index] ?? 0) < open) index++;
    this.next.set(length, index);
    const close = starts[index];
    return close === undefined ? open : close + length;
  }
}
