import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/render/markdown-renderer.js';
import { renderSlides } from '../../src/render/render-slides.js';
import { planSchedule } from '../../src/model/schedule.js';
import { codes, parseLines } from '../helpers/parse.js';

function build(...lines: string[]) {
  const parsed = parseLines(...lines);
  return { ...parsed, html: renderSlides(parsed.deck, planSchedule(parsed.deck).schedule, createMarkdownRenderer({})) };
}

describe('Marp decks (marp: true)', () => {
  it('splits at every horizontal ruler, never vertically, and reads comments as notes', () => {
    const { deck, diagnostics } = build('---', 'marp: true', '---', '# One', '<!-- Say hello -->', '', '---', '', '# Two', '', '----', '', '***', '', '# Three');
    expect(codes(diagnostics)).toEqual([]);
    expect(deck.slides.map((s) => [s.h, s.v, s.position.line])).toEqual([[0, 0, 4], [1, 0, 8], [2, 0, 14]]);
    expect(deck.slides[0]?.notes.map((n) => [n.source, n.position.line])).toEqual([['Say hello', 5]]);
  });

  it('applies local directives to the following slides and spot directives to one', () => {
    const { deck } = build(
      '---', 'marp: true', 'paginate: true', 'footer: "CI/CD · *week 1*"', '---',
      '<!-- _class: lead -->', '# Title', '---', '<!-- backgroundColor: "#123" -->', '# Two', '---', '<!-- paginate: false -->', '# Three',
    );
    const [one, two, three] = deck.slides;
    expect(one?.attributes.class).toBe('lead');
    expect(two?.attributes.class).toBeUndefined();
    expect(two?.attributes['data-background-color']).toBe('#123');
    expect(three?.attributes['data-background-color']).toBe('#123');
    expect([one, two, three].map((s) => s?.chrome?.pageNumber === true)).toEqual([true, true, false]);
    expect(one?.notes).toEqual([]);
    expect(three?.chrome?.footer?.source).toBe('CI/CD · *week 1*');
  });

  it('renders the header, the footer and the page number on the slide', () => {
    const { html } = build('---', 'marp: true', 'paginate: true', 'header: Module 1', '---', '# A', '---', '# B');
    expect(html).toContain('<header class="lectern-slide-header"><p>Module 1</p>\n</header>');
    expect(html).toContain('<span class="lectern-page-number">2</span>');
  });

  it('reads ![bg …] as the slide background, and ![w:…] as a size', () => {
    const { deck, html } = build(
      '---', 'marp: true', '---', '![bg left:40%](img/side.png)', '', '# Split', '---', '![bg contain](img/full.png)', '', '![w:300 h:200px A chart](img/chart.png)',
    );
    expect(deck.slides[0]?.attributes).toMatchObject({
      'data-background-image': 'img/side.png', 'data-background-size': '40% 100%', 'data-background-position': 'left',
    });
    expect(deck.slides[0]?.attributes.class).toContain('lectern-bg-left');
    expect(deck.slides[1]?.attributes).toMatchObject({ 'data-background-image': 'img/full.png', 'data-background-size': 'contain' });
    expect(html).not.toContain('<img src="img/side.png"');
    expect(html).not.toMatch(/<p>\s*<\/p>/);
    expect(html).toContain('<img src="img/chart.png" alt="A chart" style="width: 300px; height: 200px">');
    expect(deck.slides.flatMap((s) => s.assets.map((a) => a.url))).toEqual(['img/side.png', 'img/full.png', 'img/chart.png']);
  });

  it('reads ![bg](colour) as a background colour, not a file', () => {
    const { deck } = build('---', 'marp: true', '---', '![bg](rebeccapurple)', '# A', '---', '![bg](#ff0000)', '# B');
    expect(deck.slides.map((s) => s.attributes['data-background-color'])).toEqual(['rebeccapurple', '#ff0000']);
    expect(deck.slides.flatMap((s) => s.assets)).toEqual([]);
  });

  it('takes a comment naming any directive as a directive comment, and skips lint comments', () => {
    const { deck } = build('---', 'marp: true', '---', '<!--', '_class: title', '', 'Title slide classes:', '- a', '-->', '# A', '<!-- prettier-ignore -->', '<!-- fit -->');
    expect(deck.slides[0]?.attributes.class).toBe('title');
    expect(deck.slides[0]?.notes).toEqual([]);
  });

  it('copies a backgroundImage url() once, for every slide that inherits it', () => {
    const { deck } = build('---', 'marp: true', "backgroundImage: url('img/bg.png')", '---', '# A', '---', '# B');
    expect(deck.slides.map((s) => s.attributes['data-background-image'])).toEqual(['img/bg.png', 'img/bg.png']);
    expect(deck.slides.flatMap((s) => s.assets.map((a) => `${a.kind} ${a.url}`))).toEqual(['background img/bg.png', 'background img/bg.png']);
  });

  it('maps the theme gaia to a lectern theme with one warning, and keeps .slide comments lectern reads', () => {
    const { deck, diagnostics } = build('---', 'marp: true', 'theme: gaia', '---', '<!-- .slide: time="5m" -->', '# A');
    expect(codes(diagnostics)).toEqual(['marp-theme']);
    expect(diagnostics[0]?.span.line).toBe(3);
    expect(deck.meta.theme).toBe('course');
    expect(deck.slides[0]?.timeSeconds).toBe(300);
  });

  it('splits at headings with headingDivider, and makes * lists fragments', () => {
    const { deck, html } = build('---', 'marp: true', 'headingDivider: 2', '---', '# A', 'text', '## B', '* one', '* two', '```', '# code', '```');
    expect(deck.slides.map((s) => s.position.line)).toEqual([5, 7]);
    expect(html).toContain('<li class="fragment">one</li>');
  });

  it('takes the style directive into the page and leaves code comments alone', () => {
    const { deck } = build('---', 'marp: true', 'style: "section { font-size: 30px; }"', '---', '```html', '<!-- not a note -->', '```');
    expect(deck.meta.css).toContain('font-size: 30px');
    expect(deck.slides[0]?.notes).toEqual([]);
  });
});
