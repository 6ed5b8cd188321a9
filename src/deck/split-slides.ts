import { FenceTracker } from './fences.js';

export interface SlideChunk {
  /** reveal.js indices. */
  h: number;
  v: number;
  /** Line number (1-based) of the chunk's first line. */
  startLine: number;
  lines: string[];
}

/**
 * Cuts the deck body into slides: `---` starts the next horizontal slide, `----` the next
 * slide of the same vertical stack. Separators inside fenced code never cut. A chunk that
 * holds only blank lines (e.g. before a leading `---`) is dropped.
 */
export function splitSlides(lines: readonly string[], firstLine: number): SlideChunk[] {
  const chunks: SlideChunk[] = [];
  const fences = new FenceTracker();
  let current: SlideChunk = { h: 0, v: 0, startLine: firstLine, lines: [] };
  let h = 0;
  let v = 0;
  const flush = (next: 'horizontal' | 'vertical', nextStart: number) => {
    const blank = current.lines.every((line) => line.trim() === '');
    if (!blank) {
      chunks.push(current);
      if (next === 'horizontal') {
        h++;
        v = 0;
      } else v++;
    }
    current = { h, v, startLine: nextStart, lines: [] };
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNumber = firstLine + i;
    if (!fences.inCode(line)) {
      const trimmed = line.trimEnd();
      if (trimmed === '---') {
        flush('horizontal', lineNumber + 1);
        continue;
      }
      if (trimmed === '----') {
        flush('vertical', lineNumber + 1);
        continue;
      }
    }
    current.lines.push(line);
  }
  flush('horizontal', firstLine + lines.length);
  return chunks;
}
