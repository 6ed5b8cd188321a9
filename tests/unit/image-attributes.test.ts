import { describe, expect, it } from 'vitest';
import { parseAttributeBlock } from '../../src/deck/image-attributes.js';
import { createMarkdownRenderer } from '../../src/render/markdown-renderer.js';
import { renderSlides } from '../../src/render/render-slides.js';
import { planSchedule } from '../../src/model/schedule.js';
import { at, codes, parseLines } from '../helpers/parse.js';

/** The deck's slides as HTML, as a browser would get them. */
function html(...lines: string[]): string {
  const { deck } = parseLines(...lines);
  return renderSlides(deck, planSchedule(deck).schedule, createMarkdownRenderer({}));
}

describe('parseAttributeBlock (Pandoc attribute blocks)', () => {
  it('reads classes, an id and key=value pairs, quoted or bare', () => {
    expect(parseAttributeBlock('.a #b width=60% data-x="one two" alt=\'q\'')).toEqual({
      items: [
        { kind: 'class', name: 'a', value: '', offset: 0 },
        { kind: 'id', name: 'b', value: '', offset: 3 },
        { kind: 'pair', name: 'width', value: '60%', offset: 6 },
        { kind: 'pair', name: 'data-x', value: 'one two', offset: 16 },
        { kind: 'pair', name: 'alt', value: 'q', offset: 33 },
      ],
    });
  });

  it('stops at the first thing it cannot read', () => {
    expect(parseAttributeBlock('width=60% !big').errorOffset).toBe(10);
    expect(parseAttributeBlock('width=').errorOffset).toBe(0);
    expect(parseAttributeBlock('   ').items).toEqual([]);
  });
});

describe('an attribute block after an image', () => {
  it('sizes the image with CSS and takes the block out of the text', () => {
    const out = html('# Sized', '', '![Chart](chart.png){width=60%}');
    expect(out).toContain('<p><img src="chart.png" alt="Chart" style="width: 60%"></p>');
    expect(out).not.toContain('{');
  });

  it('reads a bare number as pixels, a height as a box the picture keeps its proportions in, and a percentage height of the slide', () => {
    expect(html('![a](a.png){width=400}')).toContain('style="width: 400px"');
    expect(html('![a](a.png){height=300px}')).toContain('style="height: 300px; object-fit: contain"');
    expect(html('![a](a.png){height=50%}')).toContain('style="height: calc(var(--slide-height, 720px) * 0.5); object-fit: contain"');
  });

  it('adds classes, an id and other attributes; style adds up with the size', () => {
    const out = html('![a](a.png){.shadow .fragment #main data-id=7 style="border: 1px solid"  width=50%}');
    expect(out).toContain('<img src="a.png" alt="a" class="shadow fragment" id="main" data-id="7" style="border: 1px solid; width: 50%">');
  });

  it('keeps the text after the block, and leaves a block after a space as text (as Pandoc does)', () => {
    expect(html('See ![a](a.png){width=10%} here')).toContain('<p>See <img src="a.png" alt="a" style="width: 10%"> here</p>');
    expect(html('See ![a](a.png) {width=10%}')).toContain('{width=10%}');
  });

  it('combines with an .element comment after it', () => {
    const out = html('![a](a.png){width=50%} <!-- .element: class="fragment" -->');
    expect(out).toContain('<img src="a.png" alt="a" style="width: 50%" class="fragment">');
  });

  it('is an error at the character it cannot read, with a hint', () => {
    const { diagnostics } = parseLines('# T', '', 'Text ![a](a.png){width=60% !}');
    expect(codes(diagnostics)).toEqual(['bad-image-attributes']);
    expect(at(diagnostics, 'bad-image-attributes')).toEqual([3, 28]);
    expect(diagnostics[0]?.hint).toContain('{width=60%}');
  });

  it('warns about a size that is no size, and about a block never closed', () => {
    const sized = parseLines('![a](a.png){width=big}');
    expect(codes(sized.diagnostics)).toEqual(['bad-image-size']);
    expect(at(sized.diagnostics, 'bad-image-size')).toEqual([1, 13]);
    const unclosed = parseLines('', '![a](a.png){width=60%');
    expect(codes(unclosed.diagnostics)).toEqual(['unclosed-image-attributes']);
    expect(at(unclosed.diagnostics, 'unclosed-image-attributes')).toEqual([2, 12]);
  });

  it('leaves braces that are not attributes alone', () => {
    const { diagnostics } = parseLines('![a](a.png){see below');
    expect(codes(diagnostics)).toEqual([]);
  });
});

describe('a slide\'s lone image', () => {
  it('is put alone in a paragraph that reveal.js stretches', () => {
    expect(html('## Screenshot', '', '![Shot](shot.png)')).toContain('<p class="lectern-fit r-stretch"><img src="shot.png" alt="Shot"></p>');
  });

  it('fills the space when the author wrote r-stretch on it or its paragraph', () => {
    expect(html('![a](a.png){.r-stretch}')).toContain('<p class="lectern-fit lectern-fit--fill r-stretch"><img src="a.png" alt="a" class="r-stretch"></p>');
    expect(html('![a](a.png)', '<!-- .element: class="r-stretch" -->')).toContain('<p class="lectern-fit lectern-fit--fill r-stretch r-stretch">');
  });

  it('keeps its own size, its nostretch, and its place among text, in lists and beside a second lone image', () => {
    expect(html('![a](a.png){width=50%}')).toContain('<p><img');
    expect(html('![a](a.png){.nostretch}')).toContain('<p><img');
    expect(html('![a](a.png)<!-- .element: style="height: 200px" -->')).toContain('<p><img');
    expect(html('Look: ![a](a.png)')).not.toContain('lectern-fit');
    expect(html('- ![a](a.png)')).not.toContain('lectern-fit');
    expect(html('![a](a.png)', '', '![b](b.png)')).not.toContain('lectern-fit');
  });

  it('is not a Marp background or a Marp-sized image', () => {
    expect(html('---', 'marp: true', '---', '![bg](a.png)', '', '![b](b.png)')).toContain('<p class="lectern-fit r-stretch"><img src="b.png"');
    expect(html('---', 'marp: true', '---', '![w:300](a.png)')).toContain('<p><img src="a.png" alt="" style="width: 300px"></p>');
  });
});

describe('source positions for the layout check', () => {
  it('are on block elements and images only when asked for', () => {
    const { deck } = parseLines('## Title', '', 'Text ![a](a.png)', '', '- one', '- two');
    const render = (sourcePositions: boolean) => renderSlides(deck, planSchedule(deck).schedule, createMarkdownRenderer({ sourcePositions }));
    const located = render(true);
    expect(located).toContain('<h2 data-lectern-line="1" data-lectern-column="1">');
    expect(located).toContain('<img src="a.png" alt="a" data-lectern-line="3" data-lectern-column="6">');
    expect(located).toContain('<li data-lectern-line="6" data-lectern-column="1">');
    expect(render(false)).not.toContain('data-lectern-column');
  });
});
