import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { planSchedule } from '../../src/model/schedule.js';
import { renderCourseIndex } from '../../src/render/render-course-index.js';
import { renderDeckPage } from '../../src/render/render-page.js';
import { parseLines } from '../helpers/parse.js';

function render(lines: string[], options: Parameters<typeof renderDeckPage>[2] = { highlightStylesheet: false }) {
  const { deck } = parseLines(...lines);
  return renderDeckPage(deck, planSchedule(deck).schedule, options);
}

function slidesOf(html: string): string {
  return html.slice(html.indexOf('<div class="slides"'), html.indexOf('<script'));
}

describe('renderDeckPage', () => {
  it('is deterministic', () => {
    const lines = ['---', 'title: T', 'duration: 10m', '---', '# A', '---', '# B'];
    expect(render(lines)).toBe(render(lines));
  });

  it('renders horizontal and vertical slides as nested sections with timing', () => {
    const html = slidesOf(render(['---', 'duration: 10m', '---', '# A', '---', '# B', '----', '# B2']));
    expect(html.match(/<section/g)).toHaveLength(4);
    expect(html).toMatch(/<section>\s*<section data-timing="200"[^>]*>\s*<h1>B<\/h1>/);
    expect(html).toContain('data-lectern-line="6"');
  });

  it('puts notes in aside.notes and keeps handouts off the slides', () => {
    const html = slidesOf(render(['# A', '::: handout', 'for students only', ':::', 'Note: say **this**']));
    expect(html).toContain('<aside class="notes"><p>say <strong>this</strong></p>');
    expect(html).not.toContain('for students only');
  });

  it('applies .slide and .element attributes', () => {
    const html = slidesOf(render(['<!-- .slide: class="center" data-background="#102030" -->', '- one <!-- .element: class="fragment" data-fragment-index="2" -->']));
    expect(html).toMatch(/<section class="center" data-background="#102030"/);
    expect(html).toContain('<li class="fragment" data-fragment-index="2">one </li>');
    expect(html).not.toContain('.element');
  });

  it('renders an activity panel with a timer for its time', () => {
    const html = slidesOf(render([':::activity{title="Security <Drill>" time="20m"}', '1. Add `pip-audit`', ':::']));
    expect(html).toContain('data-activity-id="security-drill" data-duration="1200"');
    expect(html).toContain('<h3 class="lectern-activity__title">Security &lt;Drill&gt;</h3>');
    expect(html).toContain('<output class="lectern-timer__display" aria-live="off">20:00</output>');
    for (const action of ['toggle', 'reset', 'minus', 'plus']) expect(html).toContain(`data-action="${action}"`);
    expect(html).toContain('<code>pip-audit</code>');
  });

  it('highlights code at build time and shows mermaid source until diagrams are rendered', () => {
    const html = slidesOf(render(['```python', 'def f(): return 1', '```', '', '```mermaid', 'flowchart LR', 'A-->B', '```']));
    expect(html).toContain('<code class="hljs language-python"><span class="hljs-keyword">def</span>');
    expect(html).toMatch(/<figure class="lectern-diagram" role="none" data-diagram="d[0-9a-f]{8}" data-rendered="false"><pre class="lectern-diagram__source"><code class="language-mermaid">flowchart LR\nA--&gt;B/);
  });

  it('inserts a rendered diagram SVG when given one', () => {
    const { deck } = parseLines('```mermaid', 'flowchart LR', '```');
    const id = deck.slides[0]?.diagrams[0]?.id ?? '';
    const html = renderDeckPage(deck, planSchedule(deck).schedule, { highlightStylesheet: false, diagrams: new Map([[id, '<svg id="x"></svg>']]) });
    expect(html).toContain(`<figure class="lectern-diagram" role="none" data-diagram="${id}"><svg id="x"></svg></figure>`);
  });

  it('rewrites local image URLs to their copies', () => {
    const html = render(['![a](img/a.png)', '<img src="b.svg" alt="b">'], {
      highlightStylesheet: false,
      assetUrl: (url) => `media/${url.replace('/', '-')}`,
    });
    expect(html).toContain('<img src="media/img-a.png" alt="a">');
    expect(html).toContain('<img src="media/b.svg" alt="b">');
  });

  it('generates the title slide from the front matter', () => {
    const html = slidesOf(render(['---', 'title: Foundations', 'subtitle: Why CI/CD', 'course: CI/CD with Python', 'module: 1', 'author: Course team', 'title-slide: true', '---', '# Next']));
    expect(html).toContain('<section class="lectern-title-slide"');
    expect(html).toContain('<p class="lectern-title-slide__course">CI/CD with Python · Module 1</p>\n<h1>Foundations</h1>');
    expect(html).toContain('<p class="lectern-title-slide__author">Course team</p>');
  });

  it('passes reveal options and the total time, escaping script content', () => {
    const html = render(['---', 'title: "</script><b>"', 'duration: 10m', 'reveal: { transition: fade, controls: false }', '---', '# A']);
    expect(html).toContain('<title>&lt;/script&gt;&lt;b&gt;</title>');
    const config = JSON.parse(/const config = (.*);/.exec(html)?.[1] ?? '{}');
    expect(config).toMatchObject({ transition: 'fade', controls: false, totalTime: 600, hash: true, slideNumber: 'c/t', width: 1280 });
  });

  it('links only local assets: no CDN', () => {
    const html = render(['# A']);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<script src="assets/reveal.js"></script>');
  });
});

describe('course index', () => {
  it('lists modules by number with their totals', () => {
    const html = renderCourseIndex([
      { slug: 'm6', title: 'Advanced', module: '6', course: 'CI/CD', slides: 20, activities: 3, plannedSeconds: 6840, durationSeconds: 7200, downloads: [] },
      { slug: 'm1', title: 'Foundations', module: '1', slides: 15, activities: 3, plannedSeconds: 5400, durationSeconds: 5400, downloads: [{ label: 'Slides PDF', href: 'm1/m1.slides.pdf' }] },
    ]);
    expect(html.indexOf('Foundations')).toBeLessThan(html.indexOf('Advanced'));
    expect(html).toContain('<a class="deck" href="m1/index.html">Foundations</a>');
    expect(html).toContain('<a href="m1/m1.slides.pdf">Slides PDF</a>');
    expect(html).toContain('2 modules · 3h 30m of contact time · 3h 24m planned');
    // The planned total is the sum of the plans, with the sessions' total beside it.
    expect(html).toMatch(/<td>Total<\/td>.*<td class="num">3h 24m <span class="of">of 3h 30m<\/span><\/td><\/tr><\/tfoot>/);
  });

  it('gives the planned total alone when no module has a session length', () => {
    const html = renderCourseIndex([{ slug: 'm1', title: 'One', slides: 3, activities: 0, plannedSeconds: 600, downloads: [] }]);
    expect(html).toMatch(/<td>Total<\/td>.*<td class="num">10m<\/td><\/tr><\/tfoot>/);
  });
});

describe('formatDiagnostic', () => {
  it('prints file:line:col, the source line with a caret, and the hint', () => {
    const text = formatDiagnostic(
      { severity: 'error', code: 'bad-time', message: '`time="x"` is not a time', span: { file: 'decks/m1.md', line: 2, column: 5 }, hint: 'write 5m' },
      { source: 'one\ntwo three\nfour' },
    );
    expect(text).toBe('decks/m1.md:2:5: error: `time="x"` is not a time\n  2 | two three\n    |     ^\n  hint: write 5m');
  });
});
