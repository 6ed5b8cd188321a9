const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;

/**
 * Follows fenced code blocks line by line, so that slide separators, directives and notes
 * markers inside code are left alone. `inCode(line)` is true for the fence lines too.
 */
export class FenceTracker {
  private open: { char: string; length: number } | undefined;

  inCode(line: string): boolean {
    if (this.open) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      const marker = close?.[1];
      if (marker && marker[0] === this.open.char && marker.length >= this.open.length) this.open = undefined;
      return true;
    }
    const match = FENCE_OPEN.exec(line);
    const marker = match?.[1];
    // A backtick fence's info string may not contain backticks (CommonMark), else it is inline code.
    if (!match || !marker || (marker[0] === '`' && (match[2] ?? '').includes('`'))) return false;
    this.open = { char: marker[0] ?? '`', length: marker.length };
    return true;
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }
}
