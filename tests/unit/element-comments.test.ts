import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/render/markdown-renderer.js';
import { renderSlides } from '../../src/render/render-slides.js';
import { planSchedule } from '../../src/model/schedule.js';
import { codes, parseLines } from '../helpers/parse.js';

/** The deck's slides as HTML, as a browser would get them. */
function html(...lines: string[]): string {
  const { deck } = parseLines(...lines);
  return renderSlides(deck, planSchedule(deck).schedule, createMarkdownRenderer({}));
}

// The cases of reveal.js's test/test-markdown-element-attributes.html and
// test-markdown-slide-attributes.html; each expectation was checked against the DOM that
// reveal.js 6's own markdown plugin leaves in Chromium for the same Markdown.
describe('.element comments as reveal.js applies them', () => {
  it('lands on a heading from inside it, and on a paragraph from the next line', () => {
    const out = html('## Slide 1 <!-- .element: class="fragment highlight-red" data-fragment-index="1" -->', '', 'A paragraph', '<!-- .element: class="fragment highlight-blue" -->');
    expect(out).toContain('<h2 class="fragment highlight-red" data-fragment-index="1">Slide 1 </h2>');
    expect(out).toMatch(/<p class="fragment highlight-blue">A paragraph<\/p>/);
  });

  it('lands on the list item it ends, and on a multi-line paragraph', () => {
    const out = html('Multiple  ', 'Line', '<!-- .element: class="fragment" -->', '', '- item 1 <!-- .element: class="fragment roll-in" -->', '- item 2');
    expect(out).toMatch(/<p class="fragment">Multiple<br>\s*Line<\/p>/);
    expect(out).toContain('<li class="fragment roll-in">item 1 </li>');
    expect(out).toContain('<li>item 2</li>');
  });

  it('lands on a raw <img> before it, not on the paragraph around it', () => {
    const out = html('<img src="a.png" alt="A"> <!-- .element: class="r-stretch" -->', '', 'text <span class="x">word</span> <!-- .element: class="fragment" -->');
    expect(out).toContain('<img src="a.png" alt="A" class="r-stretch">');
    expect(out).toContain('<span class="fragment">word</span>');
    expect(out).not.toMatch(/<p class="r-stretch"/);
  });

  it('lands on an element inside a block of raw HTML, replacing a value as setAttribute does', () => {
    const out = html('<div class="box">', '<p class="a">one</p>', '<!-- .element: class="fragment" -->', '</div>');
    expect(out).toContain('<p class="fragment">one</p>');
    expect(out).toContain('<div class="box">');
    expect(out).not.toContain('.element');
  });

  it('first in a slide, gives its attributes to the slide', () => {
    const { deck, diagnostics } = parseLines('<!-- .element: class="dark" data-state="intro" -->', '# Title');
    expect(codes(diagnostics)).toEqual([]);
    expect(deck.slides[0]?.attributes).toEqual({ class: 'dark', 'data-state': 'intro' });
  });

  it('takes the paragraph of an image when the comment stands on the next line (a block of its own, as reveal.js 6 reads it)', () => {
    const out = html('Test', '', '![Example](pic.png)', '<!-- .element: class="reveal stretch" -->');
    // The slide's lone image also gets lectern's fitting paragraph (deck/lone-images.ts); the comment's classes join it.
    expect(out).toContain('<p class="lectern-fit r-stretch reveal stretch"><img src="pic.png" alt="Example"></p>');
  });
});

describe('.slide comments as reveal.js applies them', () => {
  it('applies one anywhere in the slide, also inside notes', () => {
    const { deck } = parseLines('# A', 'text <!-- .slide: data-background="#ff0000" -->', 'Note: say it <!-- .slide: class="x" -->');
    expect(deck.slides[0]?.attributes).toEqual({ 'data-background': '#ff0000', class: 'x' });
  });
});
