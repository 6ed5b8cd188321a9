/**
 * A deck's lines, found once: each code frame then costs the lines it shows, not the whole file
 * (4,000 diagnostics in a 4,000-line deck used to split the source 4,000 times).
 * Line breaks are those lectern reads the deck with: `\r\n`, `\r` or `\n`.
 */
export class SourceLines {
  /** Offset of each line's first character, then one past the text's end. */
  private readonly starts: number[] = [0];
  /** Where each line's text ends (before its line break). */
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const breaks = /\r\n?|\n/g;
    for (let found = breaks.exec(text); found; found = breaks.exec(text)) {
      this.ends.push(found.index);
      this.starts.push(breaks.lastIndex);
    }
    this.ends.push(text.length);
  }

  get count(): number {
    return this.ends.length;
  }

  /** Line `n` (from 1) without its line break; undefined outside the text. */
  line(n: number): string | undefined {
    if (!Number.isInteger(n) || n < 1 || n > this.count) return undefined;
    return this.text.slice(this.starts[n - 1], this.ends[n - 1]);
  }
}
