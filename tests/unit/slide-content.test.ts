import type { Token } from 'marked';
import { describe, expect, it } from 'vitest';
import type { ActivityBlock, MarkdownBlock } from '../../src/model/deck.js';
import { parseDuration } from '../../src/model/duration.js';
import { at, codes, parseLines } from '../helpers/parse.js';

const markdown = (block: unknown) => block as MarkdownBlock;

describe('speaker notes', () => {
  it('takes everything after Note: as notes', () => {
    const { deck, diagnostics } = parseLines('# A', 'shown', '', 'Note: first line', 'second line');
    expect(diagnostics).toEqual([]);
    const slide = deck.slides[0];
    expect(slide?.blocks).toHaveLength(1);
    expect(slide?.notes.map((n) => n.source)).toEqual(['first line\nsecond line']);
    expect(slide?.notes[0]?.position).toEqual({ line: 4, column: 7 });
  });

  it('reads ::: notes blocks anywhere in the slide, also inside an activity', () => {
    const { deck, diagnostics } = parseLines(
      '# A', '::: notes', 'ask the room', ':::', 'shown', ':::activity{title="Lab" time="5m"}', 'do it', '::: notes', 'walk around', ':::', ':::',
    );
    expect(diagnostics).toEqual([]);
    expect(deck.slides[0]?.notes.map((n) => n.source)).toEqual(['ask the room', 'walk around']);
    expect(deck.slides[0]?.blocks.map((b) => b.kind)).toEqual(['markdown', 'markdown', 'activity']);
  });

  it('ignores Note: inside fenced code', () => {
    const { deck } = parseLines('# A', '```', 'Note: not a note', '```');
    expect(deck.slides[0]?.notes).toEqual([]);
  });
});

describe('slide and element comments', () => {
  it('puts .slide attributes on the slide and time into its plan', () => {
    const { deck, diagnostics } = parseLines('<!-- .slide: class="center" data-background="#123" time="5m" -->', '# A');
    expect(diagnostics).toEqual([]);
    expect(deck.slides[0]?.attributes).toEqual({ class: 'center', 'data-background': '#123' });
    expect(deck.slides[0]?.timeSeconds).toBe(300);
    expect(deck.slides[0]?.blocks.map((b) => markdown(b).source)).toEqual(['# A']);
  });

  it('puts .element attributes on the element before the comment', () => {
    const { deck } = parseLines('- one <!-- .element: class="fragment" -->', '- two', '', 'Para **bold** <!-- .element: class="x" -->');
    const tokens = markdown(deck.slides[0]?.blocks[0]).tokens as (Token & { lecternAttrs?: object; items?: Token[]; tokens?: Token[] })[];
    const list = tokens[0] as { items: (Token & { lecternAttrs?: object })[] };
    expect(list.items[0]?.lecternAttrs).toEqual({ class: 'fragment' });
    expect(list.items[1]?.lecternAttrs).toBeUndefined();
    const paragraph = tokens.find((t) => t.type === 'paragraph') as { tokens: (Token & { lecternAttrs?: object })[] };
    expect(paragraph.tokens.find((t) => t.type === 'strong')?.lecternAttrs).toEqual({ class: 'x' });
  });

  it('reports unreadable .slide attributes at their column', () => {
    const { diagnostics } = parseLines('# A', '<!-- .slide: class="x" =oops -->');
    expect(at(diagnostics, 'bad-slide-attributes')).toEqual([2, 24]);
  });
});

describe('planned times', () => {
  it.each([
    ['90s', 90],
    ['5m', 300],
    ['1h15m', 4500],
    ['2m30s', 150],
    ['3', 180],
    ['1.5', 90],
    ['1h', 3600],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
    expect(parseLines(`<!-- .slide: time="${text}" -->`, '# A').deck.slides[0]?.timeSeconds).toBe(seconds);
  });

  it.each(['soon', '5x', '', 'm', '-3'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reports a bad time= on a slide at the attribute', () => {
    const { diagnostics } = parseLines('# A', '', '<!-- .slide: time="five" -->');
    expect(diagnostics[0]).toMatchObject({ code: 'bad-time', severity: 'error', span: { line: 3, column: 14 } });
    expect(diagnostics[0]?.hint).toContain('90s');
  });
});

describe('activities and handouts', () => {
  it('reads an activity with title, time, instructions and position', () => {
    const { deck, diagnostics } = parseLines(
      '## Drill', '', ':::activity{title="Security Drill" time="20m"}', 'Introduce a vulnerable dependency.', '1. Add `pip-audit`', ':::',
    );
    expect(diagnostics).toEqual([]);
    const activity = deck.slides[0]?.blocks[1] as ActivityBlock;
    expect(activity).toMatchObject({ kind: 'activity', id: 'security-drill', title: 'Security Drill', durationSeconds: 1200, position: { line: 3, column: 1 } });
    expect(markdown(activity.children[0]).source).toContain('pip-audit');
  });

  it('accepts `::: activity {…}` with spaces and gives repeated titles unique ids', () => {
    const { deck } = parseLines('::: activity {title="Lab" time="5m"}', 'a', ':::', '---', ':::activity{title="Lab" time="5m"}', 'b', ':::');
    expect(deck.slides.map((s) => (s.blocks[0] as ActivityBlock).id)).toEqual(['lab', 'lab-2']);
  });

  it('reports a bad activity time at the attribute column', () => {
    const { diagnostics } = parseLines(':::activity{title="Lab" time="twenty minutes"}', 'x', ':::');
    expect(diagnostics[0]).toMatchObject({ code: 'bad-time', span: { line: 1, column: 25 } });
  });

  it('warns about an activity without time or title, and unknown attributes', () => {
    const { diagnostics } = parseLines(':::activity{colour="red"}', 'x', ':::');
    expect(codes(diagnostics).sort()).toEqual(['activity-without-time', 'activity-without-title', 'unknown-directive-attribute']);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it("counts an untimed activity down from its slide's time when it is the slide's only activity", () => {
    const { deck, diagnostics } = parseLines('## Lab', ':::activity{title="Lab"}', 'x', ':::', '<!-- .slide: time="12m" -->');
    expect((deck.slides[0]?.blocks[1] as ActivityBlock).durationSeconds).toBe(720);
    expect(codes(diagnostics)).toEqual([]);
    const two = parseLines('<!-- .slide: time="12m" -->', ':::activity{title="A"}', 'x', ':::', ':::activity{title="B"}', 'y', ':::');
    expect(codes(two.diagnostics)).toEqual(['activity-without-time', 'activity-without-time']);
    expect(two.diagnostics.map((d) => d.span.line)).toEqual([2, 5]);
  });

  it('keeps ::: handout as a block of its own', () => {
    const { deck } = parseLines('# A', '::: handout', 'Read chapter 2.', ':::');
    expect(deck.slides[0]?.blocks.map((b) => b.kind)).toEqual(['markdown', 'handout']);
  });
});

describe('directive errors', () => {
  it('reports an unclosed block at the line of its opener', () => {
    const { diagnostics } = parseLines('# A', '', ':::activity{title="x" time="1m"}', 'text', '---', '# B');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'unclosed-directive', severity: 'error', span: { line: 3, column: 1 } });
  });

  it('reports an unknown directive with a suggestion', () => {
    const { diagnostics } = parseLines('# A', ':::actvity{title="x"}', 'y', ':::');
    expect(diagnostics[0]).toMatchObject({ code: 'unknown-directive', span: { line: 2, column: 1 } });
    expect(diagnostics[0]?.hint).toContain(':::activity');
  });

  it('reports a stray closer, an unreadable opener and blocks in the wrong place', () => {
    const { diagnostics } = parseLines(
      '# A', ':::', ':::activity title=x', ':::handout', ':::activity{title="y" time="1m"}', ':::', ':::', 'Note: n', '::: handout', 'h', ':::',
    );
    expect(diagnostics.map((d) => [d.code, d.span.line])).toEqual([
      ['stray-directive-close', 2],
      ['bad-directive', 3],
      ['misplaced-directive', 5],
      ['misplaced-directive', 9],
    ]);
  });

  it('leaves ::: inside fenced code alone', () => {
    const { diagnostics } = parseLines('# A', '```', ':::nonsense', '```');
    expect(diagnostics).toEqual([]);
  });
});

describe('diagrams and images', () => {
  it('turns mermaid fences into positioned diagrams with content ids', () => {
    const { deck } = parseLines('# A', '', 'Intro', '', '```mermaid', 'flowchart LR', '  A --> B', '```', '---', '```mermaid', 'flowchart LR', '  A --> B', '```');
    const [first, second] = deck.slides.map((s) => s.diagrams[0]);
    expect(first).toMatchObject({ source: 'flowchart LR\n  A --> B', position: { line: 5, column: 1 } });
    expect(second?.id).toBe(first?.id);
    expect(second?.position.line).toBe(10);
  });

  it('collects local images with line and column, and warns about remote ones', () => {
    const { deck, diagnostics } = parseLines('# A', '', 'See ![pipeline](img/pipe.png) here', '', '![web](https://example.com/x.png)', '<img src="local.svg">');
    expect(deck.slides[0]?.assets).toEqual([
      { kind: 'image', url: 'img/pipe.png', position: { line: 3, column: 5 } },
      { kind: 'image', url: 'local.svg', position: { line: 6, column: 11 } },
    ]);
    expect(at(diagnostics, 'remote-asset')).toEqual([5, 1]);
  });

  it('collects background images from .slide comments', () => {
    const { deck } = parseLines('<!-- .slide: data-background-image="bg/room.jpg" -->', '# A');
    expect(deck.slides[0]?.assets).toEqual([{ kind: 'background', url: 'bg/room.jpg', position: { line: 1, column: 37 } }]);
  });
});
