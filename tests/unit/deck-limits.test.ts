import { Lexer, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { findDeepEmphasis } from '../../src/deck/emphasis-depth.js';
import { boundEmailRuns } from '../../src/deck/linear-marked.js';
import { findDeepNesting, MAX_NESTING } from '../../src/deck/nesting-depth.js';
import { uniqueId } from '../../src/model/ids.js';
import { planSchedule } from '../../src/model/schedule.js';
import { renderDeck } from '../../src/render/render-page.js';
import { at, codes, parseLines } from '../helpers/parse.js';

// Issue 8's hostile decks, each read in time close to linear with a located error where one is
// due. Time bounds are generous (the machine may be busy): they catch seconds, not milliseconds.
function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function allTokens(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...allTokens((t as { tokens?: Token[] }).tokens ?? (t as { items?: Token[] }).items ?? [])]);
}

describe('lists and block quotes nest at most MAX_NESTING levels', () => {
  it('10,000 `>` on one line: an error at the 101st, no stack overflow', () => {
    const { value, ms } = timed(() => parseLines('# A', '', `${'>'.repeat(10_000)} x`));
    expect(at(value.diagnostics, 'nesting-too-deep')).toEqual([3, MAX_NESTING + 1]);
    // The segment is kept as plain text: the deck has an error, nothing is built from it.
    expect(value.deck.slides[0]?.blocks).toHaveLength(1);
    expect(ms).toBeLessThan(2_000);
  });

  it('a list 1,000 levels deep: the error is at the item that passes the limit', () => {
    const list = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- item`);
    const { value, ms } = timed(() => parseLines('# A', '', ...list));
    expect(at(value.diagnostics, 'nesting-too-deep')).toEqual([3 + MAX_NESTING, 2 * MAX_NESTING + 1]);
    expect(ms).toBeLessThan(2_000);
  });

  it('quotes deepening line by line, and lists and quotes mixed on one line', () => {
    const quotes = Array.from({ length: 1_500 }, (_, i) => `${'> '.repeat(i + 1)}q`);
    expect(at(parseLines(...quotes).diagnostics, 'nesting-too-deep')).toEqual([MAX_NESTING + 1, 2 * MAX_NESTING + 1]);
    expect(codes(parseLines(`${'- > '.repeat(5_000)}x`).diagnostics)).toContain('nesting-too-deep');
    expect(codes(parseLines(`${'1. '.repeat(5_000)}x`).diagnostics)).toContain('nesting-too-deep');
  });

  it('exactly MAX_NESTING levels is read as Markdown', () => {
    const { deck, diagnostics } = parseLines(`${'> '.repeat(MAX_NESTING)}deep`, '', `${'- '.repeat(MAX_NESTING)}deep`);
    expect(codes(diagnostics)).not.toContain('nesting-too-deep');
    const block = deck.slides[0]?.blocks[0];
    const types = block?.kind === 'markdown' ? allTokens(block.tokens).map((t) => t.type) : [];
    expect(types.filter((t) => t === 'blockquote')).toHaveLength(MAX_NESTING);
    expect(types.filter((t) => t === 'list')).toHaveLength(MAX_NESTING);
  });

  it('items close at a marker further left, so sibling lists do not add up', () => {
    const lists = Array.from({ length: 500 }, () => ['- a', '  - b', '    - c']).flat();
    expect(findDeepNesting(lists.join('\n'))).toBeUndefined();
  });

  it('counts in what looks like code too: after a line of HTML, a ``` line opens no code block', () => {
    const { diagnostics } = parseLines('<div>', '```', '', `${'>'.repeat(5_000)} x`, '```');
    expect(at(diagnostics, 'nesting-too-deep')).toEqual([4, MAX_NESTING + 1]);
  });

  it('in a Marp speaker note too', () => {
    const { diagnostics } = parseDeck(['---', 'marp: true', '---', '# A', '<!--', `${'> '.repeat(5_000)}x`, '-->'].join('\n'), 'd.md', 'd');
    expect(at(diagnostics, 'nesting-too-deep')).toEqual([6, 2 * MAX_NESTING + 1]);
  });
});

describe('emphasis nests at most MAX_OPEN_EMPHASIS markers deep', () => {
  it('4,000 `*` on each side of a word: an error at the run, the paragraph as text', () => {
    const { value, ms } = timed(() => parseLines('# A', '', `${'*'.repeat(4_000)}x${'*'.repeat(4_000)}`, '', 'after'));
    expect(at(value.diagnostics, 'nesting-too-deep')).toEqual([3, 1]);
    expect(ms).toBeLessThan(2_000);
  });

  it('in a list item, after a run of ordinary emphasis, and not in code spans', () => {
    const { diagnostics } = parseLines('# A', '', `- item *a* and ${'*'.repeat(300)}x${'*'.repeat(300)}`);
    expect(at(diagnostics, 'nesting-too-deep')).toEqual([3, 16]);
    expect(codes(parseLines(`\`${'*'.repeat(1_000)}x\` and ${'**b** '.repeat(500)}`).diagnostics)).toEqual([]);
    expect(findDeepEmphasis(`${'*a* '.repeat(1_000)}`)).toBeUndefined();
  });

  it('exactly MAX_NESTING levels of strong is read as Markdown', () => {
    const { deck, diagnostics } = parseLines(`${'**'.repeat(MAX_NESTING)}x${'**'.repeat(MAX_NESTING)}`);
    expect(diagnostics).toEqual([]);
    const block = deck.slides[0]?.blocks[0];
    expect(block?.kind === 'markdown' ? allTokens(block.tokens).filter((t) => t.type === 'strong') : []).toHaveLength(MAX_NESTING);
  });
});

describe('bare email addresses are looked for in linear time', () => {
  it("bounds the runs in marked's own GFM rules (fails if a marked upgrade changes them)", () => {
    expect(boundEmailRuns(Lexer.rules.inline.gfm.text).replaced).toBe(2);
    expect(boundEmailRuns(Lexer.rules.inline.gfm.url).replaced).toBe(3);
  });

  it('a 100,000-letter word before `@`, and `a_a_a_…`, in well under a second each', () => {
    for (const word of [`${'a'.repeat(100_000)}@`, 'a_'.repeat(50_000), `${'x1'.repeat(50_000)}@example.com`]) {
      const { ms } = timed(() => parseLines('# A', '', word));
      expect(ms).toBeLessThan(3_000);
    }
  });

  it('still links an address, up to 64 characters before the `@`', () => {
    const hrefs = (line: string) => {
      const block = parseLines(line).deck.slides[0]?.blocks[0];
      return block?.kind === 'markdown' ? allTokens(block.tokens).filter((t) => t.type === 'link').map((t) => (t as { href: string }).href) : [];
    };
    expect(hrefs('write to ada@example.com today')).toEqual(['mailto:ada@example.com']);
    expect(hrefs(`write to ${'a'.repeat(64)}@example.com`)).toEqual([`mailto:${'a'.repeat(64)}@example.com`]);
    expect(hrefs(`write to ${'a'.repeat(65)}@example.com`)).toEqual([]);
  });
});

describe('front matter the YAML parser would choke on', () => {
  const bomb = [
    'a: &a [x,x,x,x,x,x,x,x,x,x]',
    ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    'reveal: { x: *i }',
  ];

  it('an alias bomb: an error at the first alias, in milliseconds', () => {
    const { value, ms } = timed(() => parseLines('---', ...bomb, '---', '# A'));
    expect(at(value.diagnostics, 'front-matter-aliases')).toEqual([3, 8]);
    expect(value.deck.meta.reveal).toEqual({});
    expect(ms).toBeLessThan(2_000);
  });

  it('a few aliases still work', () => {
    const { deck, diagnostics } = parseLines('---', 'title: &t Pipelines', 'subtitle: *t', '---', '# A');
    expect(diagnostics).toEqual([]);
    expect(deck.meta.subtitle).toBe('Pipelines');
  });

  it('a key written twice is the error it always was, found without comparing every key with every other', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `k${i}: v`);
    const { value, ms } = timed(() => parseLines('---', 'title: x', ...keys, 'title: y', '---', '# A'));
    expect(at(value.diagnostics, 'front-matter-yaml')).toEqual([5_003, 1]);
    expect(value.diagnostics[0]?.message).toMatch(/keys must be unique/);
    expect(ms).toBeLessThan(3_000);
  });

  it('too long, too deep, or a list as a key', () => {
    expect(at(parseLines('---', ...Array.from({ length: 8_000 }, (_, i) => `key${i}: value`), '---', '# A').diagnostics, 'front-matter-too-long')).toEqual([1, 1]);
    const deep = parseLines('---', 'title: Broken', '', `${'- '.repeat(4_600)}x`, '---', '# A');
    expect(at(deep.diagnostics, 'front-matter-too-deep')).toEqual([4, 2 * MAX_NESTING - 1]);
    // The mapping and its `:` are two levels: the 99th bracket passes the limit.
    expect(at(parseLines('---', `x: ${'['.repeat(20_000)}`, '---', '# A').diagnostics, 'front-matter-too-deep')).toEqual([2, 3 + MAX_NESTING - 1]);
    const complex = timed(() => parseLines('---', `${'? '.repeat(MAX_NESTING - 1)}x`, '---', '# A'));
    expect(codes(complex.value.diagnostics)).toEqual(['front-matter-shape']);
    expect(complex.ms).toBeLessThan(2_000);
  });
});

describe('what lectern cannot hand to the file system', () => {
  it('a path no system can name is an error at its place, not an exception later', () => {
    const long = 'a'.repeat(300);
    const { deck, diagnostics } = parseLines('# A', `![x](${long}.png)`, '![y](a%00b.png) <img src="c\0d.png">', `[sheet](${'d/'.repeat(2_000)}x.pdf)`);
    expect(diagnostics.filter((d) => d.code === 'bad-path').map((d) => [d.severity, d.span.line, d.span.column])).toEqual([
      ['error', 2, 1], ['error', 3, 1], ['error', 3, 27], ['warning', 4, 1],
    ]);
    expect(deck.slides[0]?.assets).toEqual([]);
  });

  it('a theme that cannot be a file name: a warning, and the course theme', () => {
    const { deck, diagnostics } = parseLines('---', `theme: ${'t'.repeat(300)}`, 'highlightTheme: "a\\0b"', '---', '# A');
    expect(codes(diagnostics)).toEqual(['bad-path', 'bad-path']);
    expect(deck.meta.theme).toBe('course');
    expect(deck.meta.highlightTheme).toBeUndefined();
  });
});

describe('every diagnostic points into the file', () => {
  it('around a `:::` line the slide parser took out of the text', () => {
    const { diagnostics } = parseLines('# Tags as text', ':::', 'Put your code in a <script> element.');
    expect(at(diagnostics, 'stray-directive-close')).toEqual([2, 1]);
    expect(at(diagnostics, 'unclosed-html-element')).toEqual([3, 20]);
  });

  it('an empty deck whose front matter ends the file', () => {
    expect(at(parseDeck('---\ntitle: x\n---', 'd.md', 'd').diagnostics, 'empty-deck')).toEqual([3, 1]);
  });
});

describe('thousands of one thing stay linear', () => {
  it('5,000 activities with one title get x, x-2 … x-5000', () => {
    const { value, ms } = timed(() => parseLines(...Array(5_000).fill(':::activity{title="x" time="1m"}\n:::')));
    const ids = value.deck.slides[0]?.blocks.map((b) => (b.kind === 'activity' ? b.id : ''));
    expect(ids?.slice(0, 3)).toEqual(['x', 'x-2', 'x-3']);
    expect(ids?.at(-1)).toBe('x-5000');
    expect(ms).toBeLessThan(5_000);
  });

  it('uniqueId still gives the smallest free suffix', () => {
    const used = new Set(['a', 'a-3']);
    expect([uniqueId('a', used), uniqueId('a', used), uniqueId('a', used), uniqueId('b', used)]).toEqual(['a-2', 'a-4', 'a-5', 'b']);
  });

  it('200,000 `:::` lines: more diagnostics than a function call takes arguments', () => {
    const { value, ms } = timed(() => parseDeck(`# A\n${':::\n'.repeat(200_000)}`, 'd.md', 'd'));
    expect(value.diagnostics).toHaveLength(200_000);
    expect(ms).toBeLessThan(10_000);
  });

  it('50,000 blocks opened inside each other: errors, and a model shallow enough to render', () => {
    const { value, ms } = timed(() => parseLines('# A', ...Array(50_000).fill(':::activity{title="x" time="1m"}\nx')));
    expect(codes(value.diagnostics)).toContain('misplaced-directive');
    expect(() => renderDeck(value.deck, planSchedule(value.deck).schedule, { highlightStylesheet: false, diagrams: new Map() })).not.toThrow();
    expect(ms).toBeLessThan(10_000);
  });

  it('20,000 `.element` comments in a row', () => {
    const { value, ms } = timed(() => parseLines('# A', '', '- item', ...Array(20_000).fill('<!-- .element: class="x" -->')));
    expect(codes(value.diagnostics)).toEqual([]);
    expect(ms).toBeLessThan(5_000);
  });
});
