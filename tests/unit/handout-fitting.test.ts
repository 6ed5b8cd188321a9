import { uprightSource } from '../../src/diagrams/upright-diagrams.js';
import { chooseVariants } from '../../src/export/pdf/fit-handout.js';
import { describe, expect, it } from 'vitest';
import { diagramPrintScale, LABEL_LIMITS_PX } from '../../src/export/pdf/diagram-print-scale.js';
import { fitNotesLines, paginate, type PrintUnit } from '../../src/export/pdf/handout-pagination.js';

const PAGE = 1000;
const LINE = 30;
const fitting = { pageHeight: PAGE, lineHeight: LINE, saveLastPageBelow: 1 / 3, sliverBelow: 0.2, minLines: 1, safety: 0 };
const block = (height: number, notesOf: number): PrintUnit => ({ gapBefore: 20, height, notesOf });

describe('paginate', () => {
  it('moves a block that does not fit to the next page and drops the gap at a page top', () => {
    expect(paginate([block(600, 0), block(380, 1)], PAGE)).toMatchObject({ pages: 1, lastPageFill: 1 });
    expect(paginate([block(600, 0), block(390, 1)], PAGE)).toMatchObject({ pages: 2, lastPageFill: 0.39, endPages: [1, 2] });
  });

  it('lets a unit taller than a page start where it is and run on', () => {
    expect(paginate([block(300, 0), block(1500, 1)], PAGE)).toMatchObject({ pages: 2, endPages: [1, 2] });
    expect(paginate([block(300, 0), block(1500, 1)], PAGE).lastPageFill).toBeCloseTo(0.82);
  });
});

describe('fitNotesLines', () => {
  it('shortens the notes of the last blocks until a sliver of a last page moves back', () => {
    // 450 + 20 + 450 = 920 on page 1; the third block (150) is a 15 % sliver on page 2.
    const units = [block(450, 0), block(450, 1), block(150, 2)];
    const lines = fitNotesLines(units, [3, 3, 3], fitting);
    expect(paginate(units.map((u, at) => ({ ...u, height: u.height - (3 - (lines[at] ?? 0)) * LINE })), PAGE).pages).toBe(1);
    // One line at a time from the last block backwards, and no more than needed.
    expect(lines).toEqual([2, 2, 2]);
  });

  it('keeps the lines when the last page is full enough or cannot be saved', () => {
    expect(fitNotesLines([block(450, 0), block(450, 1), block(500, 2)], [3, 3, 3], fitting)).toEqual([3, 3, 3]);
    // 900 on page 1, 350 on page 2: a third of a page cannot come off six notes lines.
    expect(fitNotesLines([block(900, 0), block(350, 1)], [3, 3], fitting)).toEqual([3, 3]);
  });

  it('gives a sliver that cannot be saved longer notes instead', () => {
    const lines = fitNotesLines([block(990, 0), block(120, 1)], [3, 3], fitting);
    expect(lines[0]).toBe(3);
    expect(lines[1]).toBe(3 + Math.ceil((0.2 * PAGE - 120) / LINE));
  });

  it('never touches a one-page document', () => {
    expect(fitNotesLines([block(100, 0)], [3], fitting)).toEqual([3]);
  });
});

describe('diagramPrintScale', () => {
  const limits = { textWidth: 688, maxHeight: 800, ...LABEL_LIMITS_PX };

  it('prints uniform labels at the body size, not at the text width', () => {
    const fit = diagramPrintScale({ width: 300, height: 100, labelSizes: [20, 20] }, limits);
    expect(fit.scale).toBeCloseTo(0.7);
    expect(fit.largestLabel).toBeUndefined();
  });

  it('raises the smallest labels to 9 pt and sets the larger ones down to the body size', () => {
    const fit = diagramPrintScale({ width: 549, height: 264, labelSizes: [10, 20, 10] }, limits);
    expect(fit.scale).toBeCloseTo(1.2);
    expect(fit.largestLabel).toBeCloseTo(14 / 1.2);
    expect(fit.printedLabels).toEqual({ smallest: 12, largest: 14 });
  });

  it('never prints wider than the text or taller than allowed, even if labels get smaller', () => {
    const wide = diagramPrintScale({ width: 1383, height: 281, labelSizes: [20] }, limits);
    expect(1383 * wide.scale).toBeCloseTo(688);
    expect(wide.printedLabels?.smallest).toBeLessThan(12);
    const tall = diagramPrintScale({ width: 400, height: 2000, labelSizes: [20] }, limits);
    expect(2000 * tall.scale).toBeCloseTo(800);
  });

  it('shrinks a diagram without labels to fit, never enlarges it', () => {
    expect(diagramPrintScale({ width: 300, height: 100, labelSizes: [] }, limits).scale).toBe(1);
    expect(diagramPrintScale({ width: 1376, height: 100, labelSizes: [] }, limits).scale).toBeCloseTo(0.5);
  });
});

describe('upright variants of left-to-right flowcharts', () => {
  it('turn LR and RL flowcharts top to bottom, after comments and front matter, and nothing else', () => {
    expect(uprightSource('flowchart LR\n  a --> b')).toBe('flowchart TB\n  a --> b');
    expect(uprightSource('%% a comment\n\ngraph RL;\n  a --> b')).toBe('%% a comment\n\ngraph TB;\n  a --> b');
    expect(uprightSource('---\ntitle: x\n---\nflowchart LR\n  a --> b')).toBe('---\ntitle: x\n---\nflowchart TB\n  a --> b');
    expect(uprightSource('flowchart TB\n  a --> b')).toBeUndefined();
    expect(uprightSource('sequenceDiagram\n  a->>b: LR')).toBeUndefined();
    expect(uprightSource('---\nunclosed\nflowchart LR')).toBeUndefined();
  });

  it('keep the drawing as on the slide unless its labels print too small and the upright one prints them larger', () => {
    const scale = (smallest: number) => ({ scale: 1, printedLabels: { smallest, largest: smallest } });
    const pair = [{ variant: 'wide' as const }, { variant: 'upright' as const }];
    expect(chooseVariants([{}, ...pair], [scale(14), scale(14), scale(14)], 12)).toEqual([true, true, false]);
    expect(chooseVariants(pair, [scale(9), scale(13)], 12)).toEqual([false, true]);
    expect(chooseVariants(pair, [scale(9), scale(8)], 12)).toEqual([true, false]);
  });
});
