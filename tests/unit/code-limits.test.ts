import { describe, expect, it } from 'vitest';
import { planSchedule } from '../../src/model/schedule.js';
import { colourCodeIn } from '../../src/render/code-budget.js';
import { HIGHLIGHT_MAX_CHARS, HIGHLIGHT_MAX_LINE, highlightCode } from '../../src/render/highlight.js';
import { renderDeck } from '../../src/render/render-page.js';
import { parseLines } from '../helpers/parse.js';

// highlight.js is quadratic on some text (a long word in C++, prose in C#): code past these
// bounds is shown plain, so a deck's build time stays linear in its size.
describe('code colours within bounds', () => {
  it('a block too long, or with a line too long, is plain', () => {
    expect(highlightCode('int x = 1;\n'.repeat(10), 'cpp').language).toBe('cpp');
    const long = highlightCode('int x = 1;\n'.repeat(Math.ceil(HIGHLIGHT_MAX_CHARS / 11) + 1), 'cpp');
    expect([long.language, long.html.includes('<span')]).toEqual([undefined, false]);
    const wide = highlightCode(`int ${'x'.repeat(HIGHLIGHT_MAX_LINE)} = 1;`, 'cpp');
    expect([wide.language, wide.html.includes('<span')]).toEqual([undefined, false]);
  });

  it('a 40,000-letter word in C++ takes no time at all', () => {
    const start = performance.now();
    highlightCode('a'.repeat(40_000), 'cpp');
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('20,000 empty fences: the deck asks for too much detection, so all its code is plain', () => {
    const { deck } = parseLines('# A', '', ...Array(20_000).fill('~~~'));
    expect(colourCodeIn(deck)).toBe(false);
    const start = performance.now();
    renderDeck(deck, planSchedule(deck).schedule, { highlightStylesheet: false, diagrams: new Map() });
    expect(performance.now() - start).toBeLessThan(3_000);
  });

  it('a course-sized deck keeps its colours', () => {
    const { deck } = parseLines('# A', '', '```python', 'print("hi")', '```', '', '```', 'ls -la', '```');
    expect(colourCodeIn(deck)).toBe(true);
    const { html } = renderDeck(deck, planSchedule(deck).schedule, { highlightStylesheet: false, diagrams: new Map() });
    expect(html).toContain('hljs-built_in');
  });
});
