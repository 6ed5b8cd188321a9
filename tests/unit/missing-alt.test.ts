import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseLines } from '../helpers/parse.js';

/** Where each image without alt text is reported: [line, column]. */
function missingAlt(...lines: string[]): [number, number][] {
  return parseLines(...lines).diagnostics.filter((d: Diagnostic) => d.code === 'image-no-alt').map((d) => [d.span.line, d.span.column]);
}

describe('images without alt text', () => {
  it('warns at the image, with the file and a hint that shows the fix', () => {
    const { diagnostics } = parseLines('# Results', '', 'Here: ![](chart.png)');
    const found = diagnostics.find((d) => d.code === 'image-no-alt');
    expect(found).toMatchObject({ severity: 'warning', message: 'image `chart.png` has no alt text', span: { file: 'deck.md', line: 3, column: 7 } });
    expect(found?.hint).toContain('![The pipeline stops at the failing test](x.png)');
    expect(found?.hint).toContain('{role=presentation}');
  });

  it('accepts alt text, and an image the author marks as decoration', () => {
    expect(missingAlt('![A failing test run](run.png)')).toEqual([]);
    expect(missingAlt('![](rule.png){role=presentation}')).toEqual([]);
    expect(missingAlt('![](rule.png){aria-hidden=true}')).toEqual([]);
    expect(missingAlt('![  ](blank.png)')).toEqual([[1, 1]]);
  });

  it('finds them in lists, tables, activities, handout blocks and notes, on every slide', () => {
    expect(missingAlt(
      '# One', '', '- item ![](a.png)', '', '| x |', '|---|', '| ![](b.png) |', '',
      '---', '', ':::activity{title="Look" time="2m"}', '![](c.png)', ':::', '',
      'Note: compare with ![](d.png)',
    )).toEqual([[3, 8], [7, 3], [12, 1], [15, 20]]);
  });

  it('reads raw HTML: an <img> with no alt attribute is reported at its tag; alt="" is the author saying decoration', () => {
    expect(missingAlt('# Raw', '', '<div>', '  <img src="x.png" width="200">', '</div>')).toEqual([[4, 3]]);
    expect(missingAlt('Text <img src="x.png"> inline')).toEqual([[1, 6]]);
    expect(missingAlt('<img src="x.png" alt="">', '', '<img src="y.png" alt="A map">', '', '<img src="z.png" role="presentation">')).toEqual([]);
    expect(missingAlt('<!-- <img src="commented.png"> -->')).toEqual([]);
  });

  it("in a Marp deck, reads what is left of the alt text after Marp's keywords; backgrounds are decoration", () => {
    const marp = (...lines: string[]) => missingAlt('---', 'marp: true', '---', '', ...lines);
    expect(marp('![bg](photo.jpg)')).toEqual([]);
    expect(marp('![w:300](chart.png)')).toEqual([[5, 1]]);
    expect(marp('![w:300 Sales by month](chart.png)')).toEqual([]);
  });
});
