import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { planSchedule } from '../../src/model/schedule.js';
import { renderGuidePage } from '../../src/render/render-guide.js';
import { renderHandoutPage } from '../../src/render/render-handout.js';

const SOURCE = [
  '---',
  'title: "Pipes & <Filters>"',
  'subtitle: Plumbing for data',
  'course: Shell Basics',
  'module: 2',
  'author: Ada "Teacher" Lovelace',
  'duration: 30m',
  'title-slide: true',
  '---',
  '',
  '## Why \\<pipes\\> & filters',
  '',
  '- small tools <!-- .element: class="fragment" -->',
  '- composed freely <!-- .element: class="fragment" -->',
  '',
  'Note: NOTE-ONE say why pipes matter',
  '',
  '---',
  '',
  '<!-- .slide: time="5m" -->',
  '## A pipeline',
  '',
  '```bash',
  'cat log.txt | grep ERROR | wc -l',
  '```',
  '',
  '::: notes',
  'NOTE-TWO walk through each stage',
  ':::',
  '',
  '::: handout',
  'HANDOUT-ONE read the pipe chapter',
  ':::',
  '',
  '----',
  '',
  '## Try it',
  '',
  ':::activity{title="Count the errors" time="10m"}',
  'INSTRUCTION-ONE count the lines with ERROR in log.txt',
  ':::',
  '',
  ':::activity{title="Sort & count" time="4m"}',
  'INSTRUCTION-TWO sort the words by frequency',
  ':::',
  '',
  'Note: NOTE-THREE give hints after five minutes',
].join('\n');

function setup() {
  const { deck } = parseDeck(SOURCE, 'deck.md', 'deck');
  const { schedule } = planSchedule(deck);
  return { deck, schedule };
}

function handout(paper: 'A4' | 'Letter' = 'A4') {
  const { deck, schedule } = setup();
  return renderHandoutPage(deck, schedule, { paper });
}

function guide(thumbnails: ReadonlyMap<number, string> = new Map(), paper: 'A4' | 'Letter' = 'A4') {
  const { deck, schedule } = setup();
  return renderGuidePage(deck, schedule, { paper, thumbnails });
}

function count(html: string, pattern: RegExp): number {
  return html.match(pattern)?.length ?? 0;
}

describe('renderHandoutPage', () => {
  it('is a complete, deterministic page with the handout title and author', () => {
    const html = handout();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Pipes &amp; &lt;Filters&gt; — Student handout</title>');
    expect(html).toContain('<meta name="author" content="Ada &quot;Teacher&quot; Lovelace">');
    expect(html).toContain('Shell Basics · Module 2');
    expect(html).toContain('Planned time: 30m');
    expect(html).toBe(handout());
  });

  it('has every slide but the title slide as an h2, and one h1', () => {
    const html = handout();
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    expect(count(html, /<h2[\s>]/g)).toBe(3);
    expect(html).toContain('<h2>Why &lt;pipes&gt; &amp; filters</h2>');
    // The slide's own heading is printed once, as the section heading.
    expect(count(html, /A pipeline/g)).toBe(1);
  });

  it('shows content, fragments, highlighted code, activities and handout blocks', () => {
    const html = handout();
    expect(html).toContain('small tools');
    expect(html).toContain('composed freely');
    expect(html).toContain('class="hljs language-bash"');
    expect(html).toContain('INSTRUCTION-ONE');
    expect(html).toContain('INSTRUCTION-TWO');
    expect(html).toContain('HANDOUT-ONE');
    expect(html).toMatch(/<aside class="print-handout">\s*<span class="print-label">Further reading<\/span>/);
  });

  it('gives every activity a worksheet box with its time and ruled answer lines', () => {
    const html = handout();
    expect(count(html, /<section class="print-worksheet"/g)).toBe(2);
    expect(html).toMatch(/<h3>Count the errors<\/h3><span class="print-worksheet__time">10m<\/span>/);
    expect(html).toContain('<h3>Sort &amp; count</h3>');
    expect(count(html, /class="print-worksheet__answer"/g)).toBe(2);
    expect(count(html, /class="print-notes"/g)).toBe(3);
    expect(html).toContain('repeating-linear-gradient');
  });

  it('numbers each block as the deck counts slides (the title slide is 1), with name and date lines first', () => {
    const html = handout();
    expect(html).toContain('<span class="print-slide__number">Slide 2</span>');
    expect(html).toContain('<span class="print-slide__number">Slide 4</span>');
    expect(html).not.toContain('Slide 1<');
    expect(html.indexOf('Name<span class="print-student__line">')).toBeLessThan(html.indexOf('<span class="print-slide__number">'));
    expect(html).toContain('Date<span class="print-student__line">');
    expect(count(html, /class="print-lines" style="--lines: 3"/g)).toBe(3);
  });

  it('never contains speaker notes', () => {
    const html = handout();
    for (const marker of ['NOTE-ONE', 'NOTE-TWO', 'NOTE-THREE']) expect(html).not.toContain(marker);
  });

  it('embeds rendered diagrams, rewrites local images and keeps h2 for slides only', () => {
    const source = ['## Flow', '', '```mermaid', 'flowchart LR', '  a --> b', '```', '', '![map](img/map.png)', '', '## Second heading'].join('\n');
    const { deck } = parseDeck(source, 'deck.md', 'deck');
    const id = deck.slides[0]?.diagrams[0]?.id ?? '';
    const html = renderHandoutPage(deck, planSchedule(deck).schedule, {
      paper: 'A4',
      diagrams: new Map([[id, '<svg id="SVG-ONE" width="800"></svg>']]),
      assetUrl: (url) => (url.startsWith('img/') ? `assets/${url}` : undefined),
    });
    expect(html).toContain('<svg id="SVG-ONE"');
    expect(html).toContain('src="assets/img/map.png"');
    expect(html).toContain('<h2>Flow</h2>');
    expect(html).toMatch(/<h3[^>]*>Second heading<\/h3>/);
    expect(count(html, /<h2[\s>]/g)).toBe(1);
  });

  it('sets the paper size', () => {
    expect(handout('A4')).toContain('size: A4 portrait');
    expect(handout('Letter')).toContain('size: Letter portrait');
    expect(handout('Letter')).not.toContain('size: A4');
  });
});

describe('renderGuidePage', () => {
  it('is titled as the instructor guide', () => {
    const html = guide();
    expect(html).toContain('<title>Pipes &amp; &lt;Filters&gt; — Instructor guide</title>');
    expect(html).toContain('<meta name="author" content="Ada &quot;Teacher&quot; Lovelace">');
  });

  it('contains every speaker note', () => {
    const html = guide();
    for (const marker of ['NOTE-ONE', 'NOTE-TWO', 'NOTE-THREE']) expect(html).toContain(marker);
  });

  it('starts with the schedule table: each slide title, start time and activity', () => {
    const html = guide();
    const table = html.slice(html.indexOf('<table class="print-schedule">'), html.indexOf('</table>'));
    expect(html.indexOf('<table class="print-schedule">')).toBeLessThan(html.indexOf('class="print-card"'));
    const { schedule } = setup();
    expect(schedule.entries).toHaveLength(4);
    for (const title of ['Pipes &amp; &lt;Filters&gt;', 'Why &lt;pipes&gt; &amp; filters', 'A pipeline', 'Try it']) {
      expect(table).toContain(`<td>${title}</td>`);
    }
    // 30m less 5m and 14m planned, shared by two slides: 5m 30s each.
    for (const start of ['0:00', '5:30', '11:00', '16:00']) expect(table).toContain(`<td class="num">${start}</td>`);
    expect(table).toContain('Count the errors (10m)<br>Sort &amp; count (4m)');
    // Two of the times are shares of the duration: the total says so rather than "fits exactly".
    expect(table).toContain('Total 30m of 30m duration: 19m set on slides and activities, 11m* shared by 2 slides without a time');
  });

  it('has one card per slide, title slide included, with timing and activities', () => {
    const html = guide();
    expect(count(html, /<section class="print-card[ "]/g)).toBe(4);
    expect(html).toContain('Slide 3 · planned 5:00 at start 11:00');
    expect(html).toContain('Activity</span> <span class="print-card__activity-time">10m</span>');
    expect(html).toContain('INSTRUCTION-ONE');
    expect(html).toMatch(/In the student handout<\/span>\s*<p>HANDOUT-ONE/);
  });

  it('shows an img per thumbnail given and a placeholder otherwise', () => {
    const html = guide(new Map([[0, 'thumbs/slide-1.png'], [2, 'data:image/png;base64,AAAA']]));
    expect(count(html, /<img /g)).toBe(2);
    expect(html).toContain('<img src="thumbs/slide-1.png" alt="Slide 1: Pipes &amp; &lt;Filters&gt;">');
    expect(html).toContain('<img src="data:image/png;base64,AAAA"');
    expect(count(html, /class="print-card__placeholder"/g)).toBe(2);
  });

  it('escapes HTML in titles and sets the paper size', () => {
    const html = guide(new Map(), 'Letter');
    expect(html).not.toContain('<pipes>');
    expect(html).not.toContain('<Filters>');
    expect(html).toContain('size: Letter portrait');
    expect(guide()).toContain('size: A4 portrait');
  });
});
