import { describe, expect, it } from 'vitest';
import { printWindows, slideOutline, splitStacks } from '../../src/export/pdf/print-slides.js';
import { parseLines } from '../helpers/parse.js';

/** A deck of `stacks` horizontal slides, the ones listed in `vertical` with one slide under them. */
function deck(stacks: number, vertical: number[] = []) {
  const chunks = Array.from({ length: stacks }, (_, h) => `## S${h + 1}${vertical.includes(h) ? `\n\n----\n\n## S${h + 1} below` : ''}`);
  const parsed = parseLines(...chunks.join('\n\n---\n\n').split('\n')).deck;
  if (!parsed) throw new Error('the test deck did not parse');
  return parsed;
}

describe('printing the slides PDF in windows', () => {
  it('opens a second window only for a long deck, never more than the cores', () => {
    expect(printWindows(20, 2)).toBe(1);
    expect(printWindows(200, 2)).toBe(1);
    expect(printWindows(999, 2)).toBe(1);
    expect(printWindows(1000, 2)).toBe(2);
    expect(printWindows(2000, 4)).toBe(4);
    expect(printWindows(5, 1)).toBe(1);
  });

  it('splits at stacks into parts of about equal slide counts, covering every stack once', () => {
    const d = deck(6, [0, 1]);
    // 8 slides: stacks 0 and 1 hold two each, so the first part ends after them.
    expect(splitStacks(d, 6, 2)).toEqual([[0, 2], [2, 6]]);
    expect(splitStacks(d, 6, 1)).toEqual([[0, 6]]);
  });

  it('bookmarks every slide, vertical ones under their stack', () => {
    expect(slideOutline(deck(2, [0])).map((item) => [item.title, item.page, item.children?.map((c) => c.page)])).toEqual([
      ['1. S1', 0, [1]],
      ['3. S2', 2, undefined],
    ]);
  });
});
