import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { findProtectedRanges } from '../../src/deck/protected-ranges.js';

// Input nobody writes on purpose, sized so that a step quadratic in it would take minutes:
// each must be read in time close to linear (generous bounds: the machine may be busy).
function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('hostile input to the dialect readers stays linear', () => {
  it('50,000 comments that never close, and one that does at the end', () => {
    const text = `${'<!-- open\n'.repeat(50_000)}-->\n`;
    const { value, ms } = timed(() => findProtectedRanges(text));
    expect(value).toHaveLength(1);
    expect(ms).toBeLessThan(2_000);
  });

  it('a 400 kB line of comment openers inside code spans', () => {
    const text = '`<!--` '.repeat(60_000);
    const { value, ms } = timed(() => findProtectedRanges(text));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(2_000);
  });

  it('a block of raw HTML with 5,000 .element comments', () => {
    const html = `<div>\n${'<p>x</p>\n<!-- .element: class="fragment" -->\n'.repeat(5_000)}</div>`;
    const { value, ms } = timed(() => parseDeck(`# A\n\n${html}`, 'd.md', 'd'));
    expect(value.deck.slides).toHaveLength(1);
    expect(ms).toBeLessThan(5_000);
  });

  it('a Marp slide with 10,000 note comments', () => {
    const { value, ms } = timed(() => parseDeck(`---\nmarp: true\n---\n# A\n${'<!-- a note -->\n'.repeat(10_000)}`, 'd.md', 'd'));
    expect(value.deck.slides[0]?.notes).toHaveLength(10_000);
    expect(ms).toBeLessThan(5_000);
  });

  it('a 1 MB deck cut by a blank-line separator and three-line notes separators', () => {
    const slide = '# Title\n\ntext with **bold**\n\nNote: say it\n';
    const text = `${slide}\n\n\n`.repeat(20_000);
    const { value, ms } = timed(() => parseDeck(text, 'd.md', 'd', undefined, { flags: { separator: '^\\n\\n\\n', notesSeparator: '^Note:' } }));
    expect(value.deck.slides).toHaveLength(20_000);
    expect(ms).toBeLessThan(30_000);
  });
});

describe('hostile input to .element comments and code highlighting', () => {
  it('an .element comment followed by 300,000 spaces and never closed', () => {
    const { ms } = timed(() => parseDeck(`# A\n\n<!-- .element:${' '.repeat(300_000)}\n`, 'd.md', 'd'));
    expect(ms).toBeLessThan(3_000);
  });

  it('a .slide comment followed by 200,000 spaces, closed or not', () => {
    const open = timed(() => parseDeck(`# A\n<!-- .slide:${' '.repeat(200_000)}\n`, 'd.md', 'd'));
    expect(open.ms).toBeLessThan(3_000);
    const closed = timed(() => parseDeck(`# A\n<!-- .slide: class="x"${' '.repeat(200_000)}-->\n`, 'd.md', 'd'));
    expect(closed.value.deck.slides[0]?.attributes.class).toBe('x');
    expect(closed.ms).toBeLessThan(3_000);
  });

  it('5,000 comment openers in one block of raw HTML, none closed', () => {
    const { ms } = timed(() => parseDeck(`# A\n\n<div>${'<!-- x <p>'.repeat(5_000)}</div> -->\n`, 'd.md', 'd'));
    expect(ms).toBeLessThan(3_000);
  });

  it('leaves a huge unlabelled block plain instead of trying every language on it', async () => {
    const { highlightCode, AUTO_DETECT_MAX_CHARS } = await import('../../src/render/highlight.js');
    const { value, ms } = timed(() => highlightCode('x'.repeat(AUTO_DETECT_MAX_CHARS * 40), undefined));
    expect(value.language).toBeUndefined();
    expect(ms).toBeLessThan(2_000);
  });
});
