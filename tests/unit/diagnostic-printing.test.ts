import { describe, expect, it } from 'vitest';
import { error, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { codeFrame, FRAME_WIDTH, formatDiagnostics, MESSAGE_WIDTH } from '../../src/diagnostics/format.js';
import { SourceLines } from '../../src/diagnostics/source-lines.js';

const at = (line: number, column: number, message = 'a problem'): Diagnostic => error('x', message, { file: 'd.md', line, column }, 'a hint');

describe('printing many diagnostics', () => {
  it('the same problem at the same place is printed once, with a count', () => {
    const printed = formatDiagnostics([at(2, 1), at(2, 1, 'another'), at(2, 1), at(2, 1), at(3, 1)], { source: 'a\nb\nc' });
    expect(printed.map((text) => text.split('\n')[0])).toEqual([
      'd.md:2:1: error: a problem (×3)', 'd.md:2:1: error: another', 'd.md:3:1: error: a problem',
    ]);
  });

  it('4,000 diagnostics in a 4,000-line deck: the source is split once, not once each', () => {
    const source = 'text\n'.repeat(4_000);
    const diagnostics = Array.from({ length: 4_000 }, (_, i) => at(i + 1, 1, `problem ${i}`));
    const start = performance.now();
    const printed = formatDiagnostics(diagnostics, { source });
    expect(printed).toHaveLength(4_000);
    expect(printed[3_999]).toContain('4000 | text');
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('a megabyte line shows as a window around the column, the caret under it', () => {
    const line = `${'a'.repeat(500_000)}X${'b'.repeat(500_000)}`;
    const frame = codeFrame(line, 1, 500_001) ?? '';
    const [text = '', caret = ''] = frame.split('\n');
    expect(text.length).toBeLessThan(FRAME_WIDTH + 20);
    expect(text[caret.indexOf('^')]).toBe('X');
    expect(text).toMatch(/\| …a+Xb+…$/);
  });

  it('lines near the start and the end of a long line, and tabs', () => {
    const frame = (column: number, text: string) => (codeFrame(text, 1, column) ?? '').split('\n');
    const [start = '', under = ''] = frame(3, `ab\tX${'c'.repeat(400)}`);
    expect(start.startsWith('  1 | ab  X')).toBe(true);
    expect(start[under.indexOf('^')]).toBe(' ');
    const end = frame(400, `${'c'.repeat(399)}Y`);
    expect(end[0]?.[end[1]?.indexOf('^') ?? -1]).toBe('Y');
  });

  it('a message quoting a megabyte is cut in the middle', () => {
    const [printed = ''] = formatDiagnostics([at(1, 1, `\`time="${'9'.repeat(1_000_000)}"\` is not a time`)]);
    expect(printed.split('\n')[0]?.length).toBeLessThan(MESSAGE_WIDTH + 40);
    expect(printed).toContain('…');
    expect(printed).toMatch(/is not a time$/m);
  });

  it('lines end at \\n, \\r\\n or a lone \\r, as lectern reads the deck', () => {
    const lines = new SourceLines('a\r\nb\rc\nd');
    expect([lines.count, lines.line(1), lines.line(2), lines.line(3), lines.line(4), lines.line(5)]).toEqual([4, 'a', 'b', 'c', 'd', undefined]);
  });
});
