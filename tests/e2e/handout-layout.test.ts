import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { fontSizeOf, pageFill, type PlacedPage, placedPages, PRINT_MARGINS_MM } from '../helpers/pdf-layout.js';

/** The two course modules and a deck of extremes: a tall diagram, a listing longer than a page, many short slides. */
const DECKS = ['decks/module-1-foundations.md', 'decks/module-6-advanced.md', 'tests/fixtures/handout/stress.md'];
const slugOf = (file: string) => file.replace(/^.*\//, '').replace(/\.md$/, '');
let out: string;

beforeAll(async () => {
  out = join(tempDir(), 'out');
  const result = await runCli(['export', ...DECKS, '--out', out, '--only', 'handout'], undefined, { LECTERN_CACHE_DIR: join(tempDir(), 'cache') });
  // Warnings about the slides (overflow) may come; errors may not.
  expect(result.stderr).not.toMatch(/\berror\b/);
  expect(result.code).toBe(0);
}, 180_000);

const handout = (deck: string) => join(out, slugOf(deck), `${slugOf(deck)}.handout.pdf`);
const mm = (points: number) => (points / 72) * 25.4;

/** The page's lines inside the text area (the footer is in the bottom margin), top first. */
function bodyLines(page: PlacedPage) {
  const bottom = page.height - (PRINT_MARGINS_MM.bottom / 25.4) * 72;
  return page.lines.filter((line) => line.yMax <= bottom).sort((a, b) => a.yMin - b.yMin);
}

describe.each(DECKS)('the handout of %s', (deck) => {
  it('never begins a page with a notes or answer block', () => {
    for (const page of placedPages(handout(deck))) {
      const first = bodyLines(page)[0]?.text ?? '';
      expect(first, `page ${page.number}`).not.toMatch(/^(NOTES|YOUR ANSWERS)\b/);
    }
  });

  it('numbers every slide block as the deck counts it, beside its title', () => {
    const { deck: parsed } = parseDeck(readFileSync(deck, 'utf8'), deck, slugOf(deck));
    const expected = parsed.slides.filter((slide) => slide.generated !== 'title').map((slide) => ({ number: slide.index + 1, title: slide.title }));
    const found = new Map<number, string>();
    for (const page of placedPages(handout(deck))) {
      const lines = bodyLines(page);
      for (const line of lines) {
        const number = /\bSlide (\d+)$/.exec(line.text)?.[1];
        if (!number) continue;
        const middle = (line.yMin + line.yMax) / 2;
        const row = lines.filter((other) => Math.abs((other.yMin + other.yMax) / 2 - middle) < 6).map((other) => other.text);
        found.set(Number(number), row.join(' '));
      }
    }
    expect([...found.keys()].sort((a, b) => a - b)).toEqual(expected.map((slide) => slide.number));
    for (const slide of expected) expect(found.get(slide.number)?.replace(/\s+/g, ' ')).toContain(slide.title.replace(/\s+/g, ' '));
  });

  it('fills every page at least 15 % (but a one-page document)', () => {
    const fill = pageFill(handout(deck));
    if (fill.length === 1) return;
    fill.forEach((used, at) => expect(used, `page ${at + 1}`).toBeGreaterThanOrEqual(0.15));
  });

  it('has name and date lines on the first page', () => {
    const [first] = placedPages(handout(deck));
    const words = first?.lines.flatMap((line) => line.words.map((word) => word.text)) ?? [];
    expect(words).toContain('Name');
    expect(words).toContain('Date');
  });
});

describe('diagrams in the handout', () => {
  /** The words of a slide's block between its title and its notes. */
  const blockWords = (deck: string, title: string) => {
    const page = placedPages(handout(deck)).find((p) => p.lines.some((line) => line.text.startsWith(title)));
    const lines = page ? bodyLines(page) : [];
    const start = lines.findIndex((line) => line.text.startsWith(title));
    const end = lines.findIndex((line, at) => at > start && line.text === 'NOTES');
    return lines.slice(start + 1, end).flatMap((line) => line.words);
  };

  it('print a git graph with labels from 9 pt to the body size, not at 20 pt', () => {
    const labels = blockWords('decks/module-6-advanced.md', 'Trunk-based, in a picture').filter((word) => ['main', 'add-discount', 'tweak-copy', 'release'].includes(word.text));
    expect(labels.length).toBe(4);
    for (const label of labels) {
      expect(fontSizeOf(label), label.text).toBeGreaterThanOrEqual(8.8);
      expect(fontSizeOf(label), label.text).toBeLessThanOrEqual(10.8);
    }
  });

  it('print a small flowchart at the body size and every diagram within the text width', () => {
    const [commit] = blockWords('tests/fixtures/handout/stress.md', 'A small diagram').filter((word) => word.text === 'Commit');
    expect(fontSizeOf(commit ?? { yMin: 0, yMax: 0 })).toBeCloseTo(10.5, 0);
    for (const deck of DECKS) {
      for (const page of placedPages(handout(deck))) {
        for (const line of page.lines) expect(mm(line.xMax), `${deck} page ${page.number}: ${line.text}`).toBeLessThanOrEqual(mm(page.width) - 14 + 0.5);
      }
    }
  });

  it('print a long left-to-right chain top to bottom, its labels from 9 pt to the body size', () => {
    const words = blockWords('tests/fixtures/handout/stress.md', 'A long chain');
    const labels = words.filter((word) => ['Edit', 'linter', 'wheel', 'artifact', 'staging', 'production'].includes(word.text));
    expect(labels.length).toBe(6);
    for (const label of labels) {
      expect(fontSizeOf(label), label.text).toBeGreaterThanOrEqual(8.8);
      expect(fontSizeOf(label), label.text).toBeLessThanOrEqual(10.8);
    }
    // Drawn top to bottom: the first step is above the last, not beside it.
    const [first, last] = [labels.find((w) => w.text === 'Edit'), labels.find((w) => w.text === 'production')];
    expect(first && last && last.yMin > first.yMax).toBe(true);
  });

  it('print the course modules\' flowcharts with labels from 9 pt to the body size', () => {
    const pipeline = blockWords('decks/module-1-foundations.md', 'From commit to release').filter((word) => ['Commit', 'Artifact', 'Staging', 'Production'].includes(word.text));
    const canary = blockWords('decks/module-6-advanced.md', 'A canary release').filter((word) => ['Build', 'healthy', 'degraded', 'everyone'].includes(word.text));
    expect(pipeline.length).toBe(4);
    expect(canary.length).toBe(4);
    for (const label of [...pipeline, ...canary]) {
      expect(fontSizeOf(label), label.text).toBeGreaterThanOrEqual(8.8);
      expect(fontSizeOf(label), label.text).toBeLessThanOrEqual(10.8);
    }
  });

  it('keep a diagram taller than a page on its slide\'s page, with the slide title', () => {
    const pages = placedPages(handout('tests/fixtures/handout/stress.md'));
    const titlePage = pages.find((page) => page.lines.some((line) => line.text.startsWith('A big diagram')));
    const lastNode = pages.find((page) => page.lines.some((line) => line.text.includes('dashboards')));
    expect(titlePage?.number).toBeDefined();
    expect(lastNode?.number).toBe(titlePage?.number);
  });
});
