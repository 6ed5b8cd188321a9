import { describe, expect, it } from 'vitest';
import { formatSchedule } from '../../src/cli/print.js';
import { derivedTimeLegend, planSchedule } from '../../src/model/schedule.js';
import { previewZoom, slideDetail, textWidthMm } from '../../src/render/guide-picture.js';
import { renderTotal } from '../../src/render/guide-schedule.js';
import { renderGuidePage } from '../../src/render/render-guide.js';
import { parseLines } from '../helpers/parse.js';

/** One slide of each kind a picture may have to show; `duration` leaves shares for the untimed ones. */
const DECK = [
  '---', 'title: Kinds', 'duration: 20m', '---',
  '## Plain words', '', '- a point', '', 'Note: NOTE-PLAIN', '',
  '---', '', '<!-- .slide: time="4m" -->', '## A diagram', '', '```mermaid', 'flowchart LR', '  a --> b', '```', '',
  '---', '', '<!-- .slide: time="3m" -->', '## Some code', '', '- first', '', '  ```python', '  print(1)', '  ```', '',
  '---', '', '## A table', '', '| a | b |', '| --- | --- |', '| 1 | 2 |', '',
  '---', '', '## Code only in the handout', '', '::: handout', '```sh', 'make', '```', ':::', '',
  '---', '', '## An activity with code', '', ':::activity{title="Run it" time="5m"}', '```sh', 'make test', '```', ':::', '',
];

function setup(lines = DECK) {
  const { deck } = parseLines(...lines);
  const { schedule } = planSchedule(deck);
  return { deck, schedule };
}

/** The card of slide `n` (from 1) in the guide's HTML. */
function card(html: string, n: number): string {
  const start = html.indexOf(`data-slide="${n}"`);
  return html.slice(html.lastIndexOf('<section', start), html.indexOf('</section>', start));
}

describe('which slides the guide pictures across the text width', () => {
  it('a slide with a diagram, code (nested too, or in an activity) or a table; not words, nor handout-only code', () => {
    const { deck } = setup();
    expect(deck.slides.map(slideDetail)).toEqual([undefined, 'diagram', 'code', 'table', undefined, 'code']);
  });

  it('counts raw HTML tables, code and drawings', () => {
    const { deck } = setup(['## Raw', '', '<table><tr><td>1</td></tr></table>', '', '---', '', '<pre>x</pre>', '', '---', '', '<svg viewBox="0 0 1 1"></svg>']);
    expect(deck.slides.map(slideDetail)).toEqual(['table', 'code', 'diagram']);
  });

  it('counts an image, Markdown or raw: a screenshot of a terminal is read line by line', () => {
    const { deck } = setup(['## Shot', '', '![a failing test run](run.png)', '', '---', '', '<img src="run.png" alt="run">', '', '---', '', 'Only words']);
    expect(deck.slides.map(slideDetail)).toEqual(['image', 'image', undefined]);
  });

  it('gives those cards one column (picture, then notes) and zooms the slide to the text width', () => {
    const { deck, schedule } = setup();
    const previews = { sections: new Map(deck.slides.map((s) => [s.index, `<section>${s.title}</section>`])), stylesheets: [] };
    const html = renderGuidePage(deck, schedule, { paper: 'A4', previews });
    const wide = deck.slides.filter((s) => card(html, s.index + 1).includes('print-card--wide')).map((s) => s.index + 1);
    expect(wide).toEqual([2, 3, 4, 6]);
    expect(card(html, 2)).toContain(`--lectern-preview-zoom: ${previewZoom(182)}`);
    expect(card(html, 2)).toContain('class="slide-preview slide-preview--fit"');
    expect(card(html, 1)).toContain(`--lectern-preview-zoom: ${previewZoom(80)}`);
    expect(card(html, 1)).toContain('class="slide-preview"');
  });

  it('zooms 1280 px slides to what is inside the picture frame, per paper', () => {
    expect(textWidthMm('A4')).toBe(182);
    expect(textWidthMm('Letter')).toBeCloseTo(187.9, 5);
    // 182 mm less the 0.6 mm frame is 685.6 CSS px: a 17 px label prints at 17 × 0.5356 × 0.75 = 6.8 pt.
    expect(previewZoom(182)).toBeCloseTo(0.53563, 5);
    expect(previewZoom(80)).toBeCloseTo(0.23445, 5);
    expect(previewZoom(textWidthMm('Letter'))).toBeGreaterThan(previewZoom(182));
  });
});

describe('derived times in the guide', () => {
  it('are marked in the schedule and beside each slide as the terminal marks them, with its legend', () => {
    const { deck, schedule } = setup();
    const html = renderGuidePage(deck, schedule, { paper: 'A4' });
    const terminal = formatSchedule(schedule);
    expect(terminal).toContain(derivedTimeLegend());
    expect(html).toContain(`<p class="print-schedule__legend">${derivedTimeLegend()}</p>`);
    // 20m less 4m, 3m and 5m set: 8m shared by the three slides without a time.
    const share = '2m 40s<span class="print-derived">*</span>';
    expect(terminal).toContain('2m 40s*');
    const rows = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).split('</tr>');
    expect(rows.filter((row) => row.includes(share))).toHaveLength(3);
    expect(card(html, 1)).toContain('planned 2:40<span class="print-derived">*</span> at start 0:00');
    expect(card(html, 2)).toContain('planned 4:00 at start');
    expect(card(html, 2)).not.toContain('print-derived');
  });

  it('never totals shares as "fits exactly": it says what was set and what was shared', () => {
    const { schedule } = setup();
    expect(renderTotal(schedule)).toBe('Total 20m of 20m duration: 12m set on slides and activities, 8m* shared by 3 slides without a time');
    expect(renderGuidePage(setup().deck, schedule, { paper: 'A4' })).not.toContain('fits exactly');
  });

  it('says "fits exactly" only of times that were all set', () => {
    const { deck, schedule } = setup(['---', 'duration: 5m', '---', '<!-- .slide: time="2m" -->', '## One', '', '---', '', '<!-- .slide: time="3m" -->', '## Two']);
    expect(renderTotal(schedule)).toBe('Total 5m of 5m duration: fits exactly');
    expect(renderGuidePage(deck, schedule, { paper: 'A4' })).not.toContain('<p class="print-schedule__legend">');
  });

  it('shows an overrun beside the split, and reveal\'s default without a duration', () => {
    const over = setup(['---', 'duration: 5m', '---', '<!-- .slide: time="6m" -->', '## One', '', '---', '', '## Two']).schedule;
    expect(renderTotal(over)).toBe('Total 6m of 5m duration: 6m set on slides and activities, 0s* shared by 1 slide without a time; <span class="print-over">1m over</span>');
    const noDuration = setup(['## One', '', '---', '', '<!-- .slide: time="1m" -->', '## Two']).schedule;
    expect(renderTotal(noDuration)).toBe('Total 3m (no duration set): 1m set on slides and activities, 2m* shared by 1 slide without a time');
  });
});
